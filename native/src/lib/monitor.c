#include "monitor.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "console.h"
#include "ct-limits.h"
#include "ct-state.h"
#include "lxcfs.h"
#include "isolation.h"
#include "storage.h"

#include "net.h"

typedef struct monitor_report_s
{
  int ok;
  pid_t init_pid;
  corral_error_t err;
} monitor_report_t;

typedef struct monitor_s
{
  const node_config_t *node;
  const ct_config_t *ct;
  const storage_ops_t *storage;
  cgroup_t cg;
  console_t console;
  uint32_t id_base;
  pid_t init_pid;
  long oom_before;
  bool stop_requested;  /* SIGTERM: the next death of init is final */
  ct_state_t state;
  int mount_fd;        /* the CT root is being mounted beside us: its report comes here; -1 when not */
  pid_t mount_pid;     /* by this child (mount_start), or by the start command when 0 (monitor_start) */
  long long booted_due;  /* CLOCK_MONOTONIC ms at which storage->booted runs, 0 when done */
  int mntns_fd;        /* the CT's mount namespace (monitor_hold_mounts); -1 when not held */
} monitor_t;

static long long
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
monitor_save_state (monitor_t *m, const char *state, const char *reason)
{
  corral_error_t ignored;
  snprintf (m->state.state, sizeof m->state.state, "%s", state);
  /* REASON may be m->state.reason itself (a failed reboot): copying a
     buffer onto itself is undefined and left it empty.  */
  if (reason && reason != m->state.reason)
    snprintf (m->state.reason, sizeof m->state.reason, "%s", reason);
  m->state.monitor_pid = strcmp (state, "stopped") == 0 ? 0 : getpid ();
  m->state.init_pid = strcmp (state, "running") == 0 ? m->init_pid : 0;
  ct_state_save (m->node, m->ct->ctid, &m->state, &ignored);
}

/* The CT root's mount: a resize saved with --setmode ignore first (best
   effort: a shrink the data does not fit in leaves the disk as it was
   rather than the CT down), then the layout's mount.  */
static int
mount_root (const node_config_t *node, const ct_config_t *ct, const storage_ops_t *storage, corral_error_t *err)
{
  if (storage->resize && ct->diskspace && ct->diskspace != UINT64_MAX
      && storage_image_size (node, ct->ctid) != (ct->diskspace & ~4095ULL) && !storage->is_mounted (node, ct->ctid))
    storage->resize (node, ct->ctid, ct->diskspace, &(corral_error_t) { 0 });
  return storage->mount (node, ct->ctid, err);
}

/* See monitor_main.  */
#define MONITOR_START_NICE 5

typedef struct mount_report_s
{
  int ok;
  corral_error_t err;
} mount_report_t;

/* A layout whose mount takes milliseconds (loop attach + ext4 mount) has
   it done beside the monitor opening the console and creating the
   cgroups: with two CPUs that comes off the start time.  On a start the
   start command does it (monitor_start), on a reboot a child of the
   monitor (here).  The mount lands in the host mount namespace, which
   both share; init, cloned meanwhile, gets a copy of it once mount_wait
   returns (ns_spawn_init, monitor_prepare).  */
static int
mount_start (monitor_t *m, corral_error_t *err)
{
  int p[2];

  if (!m->storage->slow_mount || pipe2 (p, O_CLOEXEC) < 0)
    return mount_root (m->node, m->ct, m->storage, err);
  pid_t pid = fork ();
  if (pid < 0)
    {
      close (p[0]);
      close (p[1]);
      return mount_root (m->node, m->ct, m->storage, err);
    }
  if (pid == 0)
    {
      mount_report_t r = { 0 };
      close (p[0]);
      r.ok = mount_root (m->node, m->ct, m->storage, &r.err) == 0;
      if (write (p[1], &r, sizeof r) != sizeof r)
        _exit (2);
      _exit (r.ok ? 0 : 1);
    }
  close (p[1]);
  m->mount_pid = pid;
  m->mount_fd = p[0];
  return 0;
}

static int
mount_wait (monitor_t *m, corral_error_t *err)
{
  mount_report_t r;
  ssize_t n;
  int status;

  if (m->mount_fd < 0)
    return 0;
  while ((n = read (m->mount_fd, &r, sizeof r)) < 0 && errno == EINTR)
    ;
  close (m->mount_fd);
  m->mount_fd = -1;
  while (m->mount_pid > 0 && waitpid (m->mount_pid, &status, 0) < 0 && errno == EINTR)
    ;
  m->mount_pid = 0;
  if (n == sizeof r && r.ok)
    return 0;
  if (n == sizeof r)
    {
      *err = r.err;
      return -1;
    }
  return corral_error (err, EXIT_SYSTEM, 0, "mount the root of CT %d: helper failed", m->ct->ctid);
}

/* Keep the CT's mount namespace alive after its init dies.  The last
   process of a namespace unmounts its whole tree (~30 mounts: /proc,
   /sys, /dev, devpts, lxcfs, the root) in its exit, before its parent
   and a pidfd hear of it, so `stop` would wait for that too; held here,
   the unmounting happens in monitor_teardown, after `stop --fast` has
   returned (0.4 ms of 2.2 from SIGKILL to init's death in session 9).
   Best effort: a CT that died meanwhile leaves nothing to hold.  */
static void
monitor_hold_mounts (monitor_t *m)
{
  char path[64];
  snprintf (path, sizeof path, "/proc/%d/ns/mnt", (int) m->init_pid);
  m->mntns_fd = open (path, O_RDONLY | O_CLOEXEC);
}

/* Tear down what one boot made; the monitor-level pieces (console,
   storage, cgroup) go only when KEEP_FOR_REBOOT is false.  */
static void
monitor_teardown (monitor_t *m, bool keep_for_reboot)
{
  corral_error_t ignored;

  /* First: the storage below unmounts a root no namespace holds.  */
  if (m->mntns_fd >= 0)
    {
      close (m->mntns_fd);
      m->mntns_fd = -1;
    }

  /* A mount still running would land after the unmount below.  */
  mount_wait (m, &ignored);
  if (m->cg.ops && m->cg.ops->exists (&m->cg))
    {
      pid_t *pids;
      size_t n = 0;
      if (m->cg.ops->pids (&m->cg, &pids, &n, &ignored) == 0)
        {
          if (n > 0)
            m->cg.ops->kill (&m->cg, &ignored);
          free (pids);
        }
    }
  net_ct_down (m->node, m->ct->ctid, &ignored);
  if (keep_for_reboot)
    return;
  if (m->cg.ops)
    m->cg.ops->destroy (&m->cg, &ignored);
  char frozen[400];
  ct_state_path (m->node, m->ct->ctid, "frozen", frozen, sizeof frozen);
  unlink (frozen);
  m->storage->umount (m->node, m->ct->ctid, &ignored);
}

/* ct_spawn_t's prepare: what init needs after its clone, made while it
   enters its cgroups (the monitor's work before the clone was ~2 ms of a
   start here; the child's cgroup entry ~0.6).  The console is opened on
   the first boot only: it outlives reboots.  */
static int
monitor_prepare (void *arg, ct_spawn_t *sp, corral_error_t *err)
{
  monitor_t *m = arg;
  ct_limits_t l;

  setpriority (PRIO_PROCESS, 0, MONITOR_START_NICE);

  if (m->console.master < 0)
    {
      if (console_open (&m->console, m->node, m->ct->ctid, m->id_base, m->id_base + 5, err) < 0)
        return -1;
      monitor_save_state (m, "starting", NULL);
    }
  sp->console_path = m->console.slave_path;
  /* The CT's /proc view (free, top, uptime); best effort: without lxcfs
     the CT sees the host's numbers.  */
  sp->lxcfs = lxcfs_ensure (m->node);
  /* The root is being mounted (mount_start, called by the caller so it
     overlaps all of the above).  */
  if (mount_wait (m, err) < 0)
    return -1;
  /* Limits before init runs anything of the CT (execve), so nothing of
     the CT ever runs unlimited; after the mount, because an I/O limit
     names the loop device under the image.  */
  limits_from_config (m->ct, &l);
  if (limits_apply (m->node, m->ct, &m->cg, &l, err) < 0)
    return corral_error_wrap (err, "apply the limits of CT %d", m->ct->ctid);
  m->oom_before = m->cg.ops->oom_kills (&m->cg);
  return 0;
}

/* Init is set up and on its way to execve: "running" is saved while it
   gets there (its last steps and the exec take ~0.7 ms here), not after,
   where the start command would wait for the write.  */
static void
monitor_released (void *arg, pid_t init_pid)
{
  monitor_t *m = arg;
  setpriority (PRIO_PROCESS, 0, 0);
  m->init_pid = init_pid;
  m->state.started = (long long) time (NULL);
  monitor_save_state (m, "running", NULL);
}

static int
monitor_boot (monitor_t *m, corral_error_t *err)
{
  char root[400];
  ct_spawn_t sp;
  int ret;

  /* Only what init's clone needs: its cgroup (CLONE_INTO_CGROUP on v2,
     entered by init itself on v1).  The rest is monitor_prepare's.  */
  if (cgroup_open_ct (m->node, m->ct->ctid, &m->cg, err) < 0 || m->cg.ops->create (&m->cg, err) < 0
      || m->cg.ops->delegate (&m->cg, m->id_base, m->id_base, err) < 0)
    return -1;
  storage_root_path (m->node, m->ct->ctid, root, sizeof root);
  sp = (ct_spawn_t) {
    .node = m->node, .ct = m->ct, .cg = &m->cg, .id_base = m->id_base, .root_path = root,
    .prepare = monitor_prepare, .prepare_arg = m, .released = monitor_released, .released_arg = m,
  };
  /* Init and all the CT inherit our nice value: theirs is 0.  */
  setpriority (PRIO_PROCESS, 0, 0);
  ret = ns_spawn_init (&sp, &m->init_pid, err);
  if (ret < 0)
    {
      /* A "running" saved by monitor_released: the caller's failure path
         saves "stopped" with the reason.  */
      m->init_pid = 0;
      return corral_error_wrap (err, "start CT %d", m->ct->ctid);
    }
  if (m->storage->booted && m->node->image_dio_delay > 0)
    m->booted_due = now_ms () + m->node->image_dio_delay * 1000LL;
  return 0;
}

/* reboot(2) inside a PID namespace kills its init with SIGHUP (restart)
   or SIGINT (halt, power off): reboot(2) "Behavior inside PID namespaces".  */
static const char *
monitor_reason (monitor_t *m, int status)
{
  if (WIFSIGNALED (status))
    switch (WTERMSIG (status))
      {
      case SIGHUP: return "reboot";
      case SIGINT: return "halt";
      case SIGKILL: return m->cg.ops->oom_kills (&m->cg) > m->oom_before ? "oom" : "killed";
      default: return "crash";
      }
  return "crash";
}

static void
monitor_loop (monitor_t *m, int sfd)
{
  struct pollfd pfd[3 + CONSOLE_MAX_CLIENTS];
  corral_error_t err;
  char note[128];

  for (;;)
    {
      int n = console_pollfds (&m->console, pfd + 1, 2 + CONSOLE_MAX_CLIENTS);
      int timeout = -1;
      pfd[0] = (struct pollfd) { .fd = sfd, .events = POLLIN };
      if (m->booted_due)
        {
          long long left = m->booted_due - now_ms ();
          if (left <= 0)
            {
              /* In a child: the switch first writes back the host's dirty
                 pages of the image, seconds after a write-heavy boot, and
                 the console and init's reaping must not wait for that.
                 The loop below reaps it with any other stray child.  */
              m->booted_due = 0;
              if (fork () == 0)
                {
                  /* Never the one keeping the CT's mounts after a stop.  */
                  if (m->mntns_fd >= 0)
                    close (m->mntns_fd);
                  m->storage->booted (m->node, m->ct->ctid);
                  _exit (0);
                }
              continue;
            }
          timeout = (int) left;
        }
      if (poll (pfd, (nfds_t) n + 1, timeout) < 0 && errno != EINTR)
        break;
      /* Console first: the CT's last output is in the ring before we act on its death.  */
      console_dispatch (&m->console, pfd + 1, n);
      if (!(pfd[0].revents & POLLIN))
        continue;
      struct signalfd_siginfo si;
      if (read (sfd, &si, sizeof si) != sizeof si)
        continue;
      if (si.ssi_signo == SIGTERM)
        {
          /* The monitor is told to go: take the CT with it, as a stop
             would, and boot it no more.  */
          m->stop_requested = true;
          m->cg.ops->kill (&m->cg, &err);
          continue;
        }
      int status;
      pid_t pid;
      while ((pid = waitpid (-1, &status, WNOHANG)) > 0)
        {
          if (pid != m->init_pid)
            continue;
          const char *reason = monitor_reason (m, status);
          /* Once init called reboot(2) the kernel reports SIGHUP however
             the rest of the CT died, our kill included.  Say "rebooting"
             first, then look for a stop request: `stop` leaves its
             request first, then reads the state (ct-state.h), so either
             we see the request or it sees "rebooting" and tells us by
             SIGTERM.  */
          if (strcmp (reason, "reboot") == 0)
            {
              m->init_pid = 0;
              monitor_save_state (m, "rebooting", NULL);
              if (m->stop_requested || ct_state_stop_requested (m->node, m->ct->ctid))
                reason = "killed";
            }
          if (strcmp (reason, "reboot") == 0)
            {
              snprintf (note, sizeof note, "\r\n[corral] CT %d is rebooting\r\n", m->ct->ctid);
              console_note (&m->console, note);
              monitor_teardown (m, true);
              m->state.reboots++;
              snprintf (m->state.reason, sizeof m->state.reason, "reboot");
              if (mount_start (m, &err) == 0 && monitor_boot (m, &err) == 0)
                {
                  monitor_hold_mounts (m);
                  continue;
                }
              snprintf (m->state.reason, sizeof m->state.reason, "start_failed: %.380s", err.message);
              reason = m->state.reason;
            }
          snprintf (note, sizeof note, "\r\n[corral] CT %d stopped (%.40s)\r\n", m->ct->ctid, reason);
          console_note (&m->console, note);
          m->init_pid = 0;
          /* "stopping" until the resources are released: `stop` has
             already returned (every CT process is dead), and a new start
             or destroy waits for this monitor to exit.  */
          monitor_save_state (m, "stopping", reason);
          monitor_teardown (m, false);
          monitor_save_state (m, "stopped", reason);
          return;
        }
    }
}

static _Noreturn void
monitor_main (const node_config_t *node, const ct_config_t *ct, int report_fd, int mount_fd, bool in_dfl)
{
  monitor_t m = { .node = node, .ct = ct, .mount_fd = mount_fd, .mntns_fd = -1 };
  monitor_report_t rep = { 0 };
  cgroup_t mon_cg;
  sigset_t mask;
  int sfd, devnull;

  prctl (PR_SET_NAME, MONITOR_COMM);
  /* Nice 5 while the start's other work runs beside ours: the root's
     mount in the start command, each of its reads a hop through the loop
     device's kernel worker, and init's set-up (alternating 30-run blocks,
     8 rounds: start 12.3 -> 11.9 ms, every round but two faster).  Init is
     cloned at 0 (monitor_boot); "running" puts us back at 0 for good.  */
  setpriority (PRIO_PROCESS, 0, MONITOR_START_NICE);
  /* Our own cgroup, never the caller's: a panel or agent restarted by its
     service manager (which kills its cgroup) must not take CTs along.  */
  /* The node's monitor cgroup exists after the first start: enter it
     first and create it (then enter again) only when that fails.  */
  if (cgroup_open (node, "monitor", &mon_cg, &rep.err) < 0)
    goto fail_early;
  if (mon_cg.ops->enter_self (&mon_cg, in_dfl, &(corral_error_t) { 0 }) < 0
      && (mon_cg.ops->create (&mon_cg, &rep.err) < 0 || mon_cg.ops->enter_self (&mon_cg, in_dfl, &rep.err) < 0))
    goto fail_early;
  devnull = open ("/dev/null", O_RDWR | O_CLOEXEC);
  dup2 (devnull, 0);
  dup2 (devnull, 1);
  dup2 (devnull, 2);
  sigemptyset (&mask);
  sigaddset (&mask, SIGCHLD);
  sigaddset (&mask, SIGTERM);
  sigaddset (&mask, SIGINT);
  sigaddset (&mask, SIGHUP);
  sigprocmask (SIG_BLOCK, &mask, NULL);
  sigdelset (&mask, SIGINT);
  sigdelset (&mask, SIGHUP);
  sfd = signalfd (-1, &mask, SFD_CLOEXEC);

  m.storage = storage_ops (ct->layout);
  if (m.storage == NULL)
    {
      corral_error (&rep.err, EXIT_BADVALUE, 0, "unknown layout `%s`", ct->layout);
      goto fail_early;
    }
  if (ct_config_id_base (node, ct->ctid, &m.id_base, &rep.err) < 0)
    goto fail_early;
  snprintf (m.state.reason, sizeof m.state.reason, "%s", "");
  /* Before console_open (monitor_prepare), so a failure before it
     (console_close) finds no console to close.  */
  m.console.master = m.console.slave = m.console.listen_fd = -1;
  if (mount_fd < 0 && mount_start (&m, &rep.err) < 0)
    goto fail;
  /* The console too is opened in there (monitor_prepare).  */
  if (monitor_boot (&m, &rep.err) < 0)
    goto fail;

  rep.ok = 1;
  rep.init_pid = m.init_pid;
  if (send (report_fd, &rep, sizeof rep, MSG_NOSIGNAL) < 0)
    { /* the caller died; the CT runs on regardless */ }
  close (report_fd);
  /* After the report: not on the start's path.  */
  monitor_hold_mounts (&m);
  console_load_saved (&m.console);
  monitor_loop (&m, sfd);
  console_close (&m.console);
  _exit (0);

fail:
  monitor_teardown (&m, false);
  console_close (&m.console);
fail_early:
  {
    char reason[sizeof m.state.reason];
    snprintf (reason, sizeof reason, "start_failed: %.380s", rep.err.message);
    m.init_pid = 0;
    monitor_save_state (&m, "stopped", reason);
  }
  if (rep.err.exit_code == 0)
    rep.err.exit_code = EXIT_SYSTEM;
  if (send (report_fd, &rep, sizeof rep, MSG_NOSIGNAL) < 0)
    _exit (2);
  _exit (1);
}

/* Start reading the CT's init into the page cache: a freshly mounted
   image has nothing cached, and exec would fetch the binary in page
   faults, each a round trip through the loop device's worker.  Resolved
   inside the CT root (its symlinks are the CT's, never the host's).  */
static void
prefetch_init (const node_config_t *node, int ctid)
{
  struct open_how how = { .flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC,
                          .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV };
  char root[400];
  struct stat st;
  int dfd, fd;

  storage_root_path (node, ctid, root, sizeof root);
  dfd = open (root, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0)
    return;
  fd = (int) syscall (SYS_openat2, dfd, "sbin/init", &how, sizeof how);
  close (dfd);
  if (fd < 0)
    return;
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
    posix_fadvise (fd, 0, 0, POSIX_FADV_WILLNEED);
  close (fd);
}

/* Close every fd from 3 up but KEEP and KEEP2 (-1: none).  */
static void
close_fds_except (int keep, int keep2)
{
  int lo = keep2 >= 0 && keep2 < keep ? keep2 : keep, hi = keep2 > keep ? keep2 : keep;
  if (lo > 3)
    syscall (SYS_close_range, 3, lo - 1, 0);
  if (hi > lo + 1)
    syscall (SYS_close_range, lo + 1, hi - 1, 0);
  syscall (SYS_close_range, hi + 1, ~0U, 0);
}

int
monitor_start (const node_config_t *node, const ct_config_t *ct, int lock_fd, pid_t *init_pid,
               corral_error_t *err)
{
  int p[2], mp[2] = { -1, -1 };
  pid_t pid;
  bool in_dfl;
  monitor_report_t rep;
  ssize_t n;
  const storage_ops_t *storage = storage_ops (ct->layout);
  mount_report_t mr = { 0 };

  /* The report's way back: a socket, not a pipe, so that when this
     command is killed before the report (its caller gone, an agent
     restarted) the monitor's send fails with EPIPE; a write to a pipe
     would kill it with SIGPIPE and orphan the CT it is booting.  */
  if (socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, p) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "create the monitor's report socket");
  /* A slow mount is ours to do while the monitor starts (mount_start):
     this process is running already, a new child would first have to be
     scheduled (a millisecond here).  A socket, not a pipe: a monitor that
     failed before reading must not kill us with SIGPIPE.  */
  if (storage && storage->slow_mount && socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, mp) < 0)
    mp[0] = mp[1] = -1;
  /* One fork, born in the node's monitor cgroup2 directory where there
     is one (see cgroup.h, enter_self), so the monitor never migrates
     there.  Not a double fork: a second child waits to be scheduled
     too (0.2-0.7 ms here), and after setsid the monitor leads its own
     session without a controlling terminal (it opens ttys O_NOCTTY, a
     pty master never becomes one); it is our child only until this
     command exits, and then nobody's.  */
  {
    cgroup_t mon_cg;
    int dfl = -1;
    if (cgroup_open (node, "monitor", &mon_cg, &(corral_error_t) { 0 }) == 0
        && (dfl = mon_cg.ops->open_dfl (&mon_cg)) < 0
        && mon_cg.ops->create (&mon_cg, &(corral_error_t) { 0 }) == 0)
      dfl = mon_cg.ops->open_dfl (&mon_cg);
    fflush (NULL);
    pid = cgroup_clone (dfl, SIGCHLD, &in_dfl);
    if (pid != 0 && dfl >= 0)
      close (dfl);
  }
  if (pid < 0)
    {
      int e = errno;
      close (p[0]);
      close (p[1]);
      if (mp[0] >= 0)
        {
          close (mp[0]);
          close (mp[1]);
        }
      return corral_error (err, EXIT_SYSTEM, e, "fork monitor");
    }
  if (pid == 0)
    {
      /* The lock belongs to this command, not to the CT's lifetime.  */
      close (lock_fd);
      setsid ();
      /* Close every fd the caller gave us except the report socket and
         the mount's.  */
      close_fds_except (p[1], mp[0]);
      monitor_main (node, ct, p[1], mp[0], in_dfl);
    }
  close (p[1]);
  if (mp[0] >= 0)
    {
      close (mp[0]);
      mr.ok = mount_root (node, ct, storage, &mr.err) == 0;
      if (send (mp[1], &mr, sizeof mr, MSG_NOSIGNAL) < 0)
        { /* the monitor failed before it needed the root: see below */ }
      close (mp[1]);
      /* While the monitor clones init and sets its mounts up.  */
      if (mr.ok)
        prefetch_init (node, ct->ctid);
    }
  n = read (p[0], &rep, sizeof rep);
  close (p[0]);
  if (n != (ssize_t) sizeof rep || !rep.ok)
    {
      /* A monitor that failed exits right after its report.  */
      waitpid (pid, NULL, 0);
      /* A monitor that failed (or never ran) before it took the root
         over left it mounted; else this finds nothing to do.  */
      if (mr.ok)
        storage->umount (node, ct->ctid, &(corral_error_t) { 0 });
      if (n != (ssize_t) sizeof rep)
        return corral_error (err, EXIT_SYSTEM, 0, "start CT %d: the monitor died before reporting", ct->ctid);
      *err = rep.err;
      return -1;
    }
  *init_pid = rep.init_pid;
  return 0;
}
