/* Creating a CT's init in fresh namespaces, and joining them later for
   exec/enter (openvz-model §8).  */
#include "isolation.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "net.h"
#include "signals.h"

#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif
#ifndef OPEN_TREE_CLOEXEC
#define OPEN_TREE_CLOEXEC O_CLOEXEC
#endif
#ifndef MOVE_MOUNT_F_EMPTY_PATH
#define MOVE_MOUNT_F_EMPTY_PATH 0x00000004
#endif

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

/* What a child sends back when a step fails: crun's sync socket.  */
typedef struct child_report_s
{
  int exit_code;
  int errnum;
  char message[512];
} child_report_t;

static _Noreturn void
child_fail (int sync_fd, const corral_error_t *err)
{
  child_report_t r = { err->exit_code, err->errnum, "" };
  snprintf (r.message, sizeof r.message, "%s", err->message);
  if (write (sync_fd, &r, sizeof r) < 0)
    _exit (127);
  _exit (126);
}

static int
close_fds_except (int keep)
{
  /* close_range exists since 5.9; every host fd goes, stdio stays.  */
  if (keep > 3)
    syscall (SYS_close_range, 3, keep - 1, 0);
  return (int) syscall (SYS_close_range, keep >= 3 ? keep + 1 : 3, ~0U, 0);
}

int
ns_finish_child (int keep_fd, corral_error_t *err)
{
  if (setgroups (0, NULL) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "drop supplementary groups");
  if (setresgid (0, 0, 0) < 0 || setresuid (0, 0, 0) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "become CT root");
  if (caps_apply (err) < 0)
    return -1;
  if (close_fds_except (keep_fd) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "close inherited fds");
  return seccomp_apply (err);
}

static char *const clean_env[] = {
  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=linux", "HOME=/",
  "container=corral", NULL,
};

/* The first release: what ct_spawn_t's prepare finished, with the CT
   root's mount fd (SCM_RIGHTS) beside it.  */
typedef struct release_one_s
{
  char step;
  bool lxcfs;
  char console_path[64];
} release_one_t;

/* Returns the fd, -2 when the monitor is gone (EOF), -1 when the message
   came short or without one.  */
static int
recv_root (int sync_fd, release_one_t *r)
{
  char cbuf[CMSG_SPACE (sizeof (int))];
  struct iovec io = { r, sizeof *r };
  struct msghdr msg = { .msg_iov = &io, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf };
  struct cmsghdr *c;
  int fd;
  ssize_t n;

  while ((n = recvmsg (sync_fd, &msg, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR)
    ;
  if (n <= 0)
    return -2;
  if (n != (ssize_t) sizeof *r)
    return -1;
  r->console_path[sizeof r->console_path - 1] = '\0';
  c = CMSG_FIRSTHDR (&msg);
  if (c == NULL || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS || c->cmsg_len != CMSG_LEN (sizeof (int)))
    return -1;
  memcpy (&fd, CMSG_DATA (c), sizeof fd);
  return fd;
}

static _Noreturn void
init_child (ct_spawn_t *sp, int sync_fd)
{
  release_one_t one;
  corral_error_t err = { 0 };
  char go;
  int console;
  const char *hostname = sp->ct->hostname[0] ? sp->ct->hostname : NULL;
  char fallback[32];
  int root_fd;

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  /* Into the CT cgroup ourselves, while still host root (the v1 `tasks`
     write checks the writer's host UID, which a new user namespace leaves
     0 until we take CT root below) and before the cgroup namespace: see
     enter_self.  Before the wait, so the half millisecond of v1
     migrations runs beside the monitor writing the ID maps and network.  */
  if (sp->cg->ops->enter_self (sp->cg, sp->in_dfl, &err) < 0)
    child_fail (sync_fd, &err);
  /* A network namespace takes ~0.3 ms to make (its loopback, its
     sysctls): made here, while the monitor prepares what we wait for
     below, rather than in its clone().  Ours is the CT's user namespace,
     so it owns it all the same.  The monitor moves eth0 in once it has
     our word.  */
  if (unshare (CLONE_NEWNET) < 0)
    {
      corral_error (&err, EXIT_SYSTEM, errno, "create the network namespace");
      child_fail (sync_fd, &err);
    }
  if (send (sync_fd, "n", 1, MSG_NOSIGNAL) != 1)
    _exit (125);
  /* Wait for the ID maps the monitor writes, and for the CT root: a
     detached copy of its mount (open_tree), made after our clone.  */
  root_fd = recv_root (sync_fd, &one);
  if (root_fd == -2)
    _exit (125);
  if (root_fd < 0)
    {
      corral_error (&err, EXIT_SYSTEM, 0, "receive the CT root from the monitor");
      child_fail (sync_fd, &err);
    }
  sp->console_path = one.console_path;
  sp->lxcfs = one.lxcfs;
  if (setresgid (0, 0, 0) < 0 || setresuid (0, 0, 0) < 0)
    {
      corral_error (&err, EXIT_SYSTEM, errno, "become CT root");
      child_fail (sync_fd, &err);
    }
  /* The monitor moved us into the CT cgroup, so the cgroup namespace made
     now has it as its root.  */
  if (unshare (CLONE_NEWCGROUP) < 0)
    {
      corral_error (&err, EXIT_SYSTEM, errno, "create cgroup namespace");
      child_fail (sync_fd, &err);
    }
  /* By path, not the monitor's fd: mount(2) wants a target in our own
     mount namespace, and an fd opened before clone() points into the
     host's.  CT root needs search permission on every parent (README).  */
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
    {
      corral_error (&err, EXIT_SYSTEM, errno, "make `/` private");
      child_fail (sync_fd, &err);
    }
  /* Our copy of the host's mounts is from before the root was mounted:
     attach the monitor's copy of it on its (empty) mount point here and
     step onto it.  A mount moved in is ours, not locked like the ones a
     user namespace inherits, so pivot_root takes it as it is.  */
  if (syscall (SYS_move_mount, root_fd, "", AT_FDCWD, sp->root_path, MOVE_MOUNT_F_EMPTY_PATH) < 0
      || chdir (sp->root_path) < 0)
    {
      corral_error (&err, EXIT_SYSTEM, errno, "enter the CT root `%s`", sp->root_path);
      child_fail (sync_fd, &err);
    }
  close (root_fd);
  if (mount_setup_rootfs (sp, &err) < 0)
    child_fail (sync_fd, &err);
  if (hostname == NULL)
    {
      snprintf (fallback, sizeof fallback, "ct%d", sp->ct->ctid);
      hostname = fallback;
    }
  if (sethostname (hostname, strlen (hostname)) < 0)
    {
      corral_error (&err, EXIT_SYSTEM, errno, "set hostname `%s`", hostname);
      child_fail (sync_fd, &err);
    }
  /* init leads its own session with fds 0/1/2 on the console, but the
     console is not its controlling tty: as on a real machine, the getty or
     shell that init spawns there must be able to take it (TIOCSCTTY fails
     with EPERM on a tty that is another session's).  */
  setsid ();
  console = open ("/dev/console", O_RDWR | O_NOCTTY);
  if (console < 0)
    {
      corral_error (&err, EXIT_SYSTEM, errno, "open `/dev/console`");
      child_fail (sync_fd, &err);
    }
  dup2 (console, 0);
  dup2 (console, 1);
  dup2 (console, 2);
  if (console > 2)
    close (console);
  if (access ("/sbin/init", X_OK) < 0)
    {
      corral_error_code (&err, EXIT_NOINIT, errno, "no_init", "find `/sbin/init` in CT %d", sp->ct->ctid);
      child_fail (sync_fd, &err);
    }
  /* Capabilities, seccomp and fds while the monitor still sets the
     network up (it takes longer than our mounts): after its release only
     the execve is left.  */
  if (ns_finish_child (sync_fd, &err) < 0)
    child_fail (sync_fd, &err);
  /* The monitor set the network up while we built the mounts: init
     finds eth0 configured.  */
  if (read (sync_fd, &go, 1) != 1)
    _exit (125);
  /* The monitor blocks SIGCHLD, SIGTERM, SIGINT and SIGHUP for its
     signalfd, and a `corralctl start &` in a script ignores SIGINT and
     SIGQUIT: an init that resets nothing (a shell script, say) would hand
     both to every process of the CT.  */
  signals_default ();
  execle ("/sbin/init", "/sbin/init", (char *) NULL, clean_env);
  corral_error (&err, EXIT_NOINIT, errno, "exec `/sbin/init`");
  child_fail (sync_fd, &err);
}

/* A fresh time namespace per boot so the CT's uptime starts at zero.  It
   is entered by the monitor's next child only; best effort (the kernel may
   lack CONFIG_TIME_NS).  */
static void
time_ns_prepare (void)
{
  struct timespec now;
  char buf[128];
  int fd;

  if (getenv ("CORRAL_NO_TIMENS") || unshare (CLONE_NEWTIME) < 0)
    return;
  clock_gettime (CLOCK_BOOTTIME, &now);
  fd = open ("/proc/self/timens_offsets", O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  snprintf (buf, sizeof buf, "boottime %lld %ld\n", -(long long) now.tv_sec, -(long) now.tv_nsec + 0);
  if (write (fd, buf, strlen (buf)) < 0)
    {
      /* Negative nanoseconds are refused by some kernels: round down.  */
      snprintf (buf, sizeof buf, "boottime %lld 0\n", -(long long) now.tv_sec);
      if (write (fd, buf, strlen (buf)) < 0)
        { /* keep host boottime */ }
    }
  close (fd);
}

/* The first release (see release_child for EPIPE): the ID maps are
   written, and the CT root goes along as a detached copy of its mount,
   with what prepare found (the console, lxcfs).  */
static int
release_child_root (int sync_fd, const ct_spawn_t *sp, corral_error_t *err)
{
  char cbuf[CMSG_SPACE (sizeof (int))] = { 0 };
  release_one_t one = { .step = '1', .lxcfs = sp->lxcfs };
  struct iovec io = { &one, sizeof one };
  struct msghdr msg = { .msg_iov = &io, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf };
  struct cmsghdr *c = CMSG_FIRSTHDR (&msg);
  int fd;
  ssize_t n;

  if (sp->console_path == NULL || strlen (sp->console_path) >= sizeof one.console_path)
    return corral_error (err, EXIT_SYSTEM, 0, "start CT init: no console");
  memcpy (one.console_path, sp->console_path, strlen (sp->console_path) + 1);
  fd = (int) syscall (SYS_open_tree, AT_FDCWD, sp->root_path, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
  if (fd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "copy the mount of the CT root `%s`", sp->root_path);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN (sizeof (int));
  memcpy (CMSG_DATA (c), &fd, sizeof fd);
  n = sendmsg (sync_fd, &msg, MSG_NOSIGNAL);
  close (fd);
  if (n != (ssize_t) sizeof one && errno != EPIPE)
    return corral_error (err, EXIT_SYSTEM, errno, "release CT init");
  return 0;
}

/* The child's next message: WORD (one byte), or end of file when WORD is
   0 (it reached execve: the socket is close-on-exec); anything else is its
   report of what failed, or its death.  */
static int
child_reached (int sync_fd, char word, corral_error_t *err)
{
  child_report_t r;
  ssize_t n;

  while ((n = recv (sync_fd, &r, sizeof r, 0)) < 0 && errno == EINTR)
    ;
  if (word ? n == 1 && *(char *) &r == word : n == 0)
    return 0;
  if (n == (ssize_t) sizeof r)
    {
      corral_error (err, r.exit_code ? r.exit_code : EXIT_SYSTEM, 0, "%s", r.message);
      err->errnum = r.errnum;
      return -1;
    }
  return corral_error (err, EXIT_SYSTEM, n < 0 ? errno : 0, "start CT init: it died during setup");
}

/* One release of the child over SYNC_FD.  A child that failed before
   reading it has left its report and gone: EPIPE is no error here (the
   caller reads the report next), and no SIGPIPE.  */
static int
release_child (int sync_fd, const char *step, corral_error_t *err)
{
  if (send (sync_fd, step, 1, MSG_NOSIGNAL) != 1 && errno != EPIPE)
    return corral_error (err, EXIT_SYSTEM, errno, "release CT init");
  return 0;
}

int
ns_spawn_init (const ct_spawn_t *sp, pid_t *init_pid, corral_error_t *err)
{
  int sv[2];
  pid_t pid;
  const char *ips[CT_MAX_IPS];
  int status;

  int dfl;
  bool in_dfl;
  ct_spawn_t child_sp = *sp, ready = *sp;

  if (socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "create sync socket");
  time_ns_prepare ();
  /* Born in the CT's cgroup2 directory; the v1 hierarchies the child
     enters itself (cgroup.h, enter_self): no migration of another PID, so
     no RCU grace periods on the start path.  */
  dfl = sp->cg->ops->open_dfl (sp->cg);
  /* The network namespace the child makes itself (init_child).  */
  pid = cgroup_clone (dfl, CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | SIGCHLD,
                      &in_dfl);
  if (pid < 0)
    {
      int e = errno;
      if (dfl >= 0)
        close (dfl);
      close (sv[0]);
      close (sv[1]);
      return corral_error (err, EXIT_SYSTEM, e, "clone CT init");
    }
  if (pid == 0)
    {
      close (sv[0]);
      child_sp.in_dfl = in_dfl;
      init_child (&child_sp, sv[1]);
    }
  if (dfl >= 0)
    close (dfl);
  close (sv[1]);

  if (idmap_write (pid, sp->id_base, sp->node->idmap_size, err) < 0)
    goto fail;
  /* What the child needs next (the root, the console) is finished while
     it enters its cgroups: the clone no longer waits for it.  */
  if (sp->prepare && sp->prepare (sp->prepare_arg, &ready, err) < 0)
    goto fail;
  /* Two releases: the ID maps, the root and the console let the child
     build the CT's mounts, which runs beside the network set-up here (on
     another CPU: ~1-2 ms of a start); the second lets it exec init.  */
  if (release_child_root (sv[0], &ready, err) < 0)
    goto fail;
  /* Its netns exists ("n") before eth0 is moved in.  */
  if (child_reached (sv[0], 'n', err) < 0)
    goto fail;
  for (size_t i = 0; i < sp->ct->n_ips; i++)
    ips[i] = sp->ct->ips[i];
  if (net_ct_up (sp->node, sp->ct->ctid, pid, ips, sp->ct->n_ips, err) < 0)
    goto fail;
  if (release_child (sv[0], "2", err) < 0)
    goto fail;
  if (sp->released)
    sp->released (sp->released_arg, pid);
  if (child_reached (sv[0], 0, err) < 0)
    goto fail;
  close (sv[0]);
  *init_pid = pid;
  return 0;

fail:
  close (sv[0]);
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  net_ct_down (sp->node, sp->ct->ctid, &(corral_error_t) { 0 });
  return -1;
}

pid_t
ns_fork_joining (const node_config_t *node, int ctid, bool *in_dfl)
{
  cgroup_t cg;
  int dfl = -1;
  pid_t pid;

  *in_dfl = false;
  if (cgroup_open_ct (node, ctid, &cg, &(corral_error_t) { 0 }) == 0)
    dfl = cg.ops->open_dfl (&cg);
  pid = cgroup_clone (dfl, SIGCHLD, in_dfl);
  if (dfl >= 0)
    {
      int e = errno;
      close (dfl);
      errno = e;
    }
  return pid;
}

int
ns_join (const node_config_t *node, int ctid, pid_t init_pid, bool in_dfl, corral_error_t *err)
{
  /* Time first: the monitor made it, so it belongs to the host user
     namespace and needs our host capabilities.  Then the user namespace,
     which grants the capabilities the others need.  Mount last: after it,
     host paths like /proc/<pid>/ns are gone.  */
  static const struct { const char *name; int type; } order[] = {
    { "time", CLONE_NEWTIME }, { "user", CLONE_NEWUSER }, { "cgroup", CLONE_NEWCGROUP }, { "ipc", CLONE_NEWIPC },
    { "uts", CLONE_NEWUTS }, { "net", CLONE_NEWNET }, { "pid", CLONE_NEWPID }, { "mnt", CLONE_NEWNS },
  };
  int fds[8];
  char path[64];
  cgroup_t cg;

  /* Non-dumpable before anything of the CT can see us: a CT process then
     cannot open /proc/<pid>/exe (the host corralctl binary) nor ptrace us
     (runc CVE-2019-5736).  execve of the CT program resets it.  */
  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "make the process non-dumpable");
  for (size_t i = 0; i < 8; i++)
    {
      snprintf (path, sizeof path, "/proc/%d/ns/%s", (int) init_pid, order[i].name);
      fds[i] = open (path, O_RDONLY | O_CLOEXEC);
      if (fds[i] < 0)
        {
          int e = errno;
          while (i-- > 0)
            close (fds[i]);
          return corral_error (err, EXIT_NOTRUNNING, e, "open `%s`", path);
        }
    }
  if (cgroup_open_ct (node, ctid, &cg, err) < 0 || cg.ops->enter_self (&cg, in_dfl, err) < 0)
    goto fail;
  for (size_t i = 0; i < 8; i++)
    {
      if (setns (fds[i], order[i].type) < 0)
        {
          /* A time namespace identical to ours (no CONFIG_TIME_NS) is fine.  */
          if (order[i].type == CLONE_NEWTIME && errno == EINVAL)
            continue;
          corral_error (err, EXIT_SYSTEM, errno, "join the %s namespace of CT %d", order[i].name, ctid);
          goto fail;
        }
      close (fds[i]);
      fds[i] = -1;
    }
  if (setresgid (0, 0, 0) < 0 || setresuid (0, 0, 0) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "become CT root");
  /* setresuid() resets dumpable to suid_dumpable; keep it off.  */
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
  if (chdir ("/") < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "chdir `/` in CT %d", ctid);
  return 0;

fail:
  for (size_t i = 0; i < 8; i++)
    if (fds[i] >= 0)
      close (fds[i]);
  return -1;
}

int
ns_run_in_ct (const node_config_t *node, int ctid, pid_t init_pid, int (*fn) (void *arg, corral_error_t *err),
              void *arg, corral_error_t *err)
{
  int p[2], status;
  pid_t pid;
  corral_error_t child = { 0 };
  bool in_dfl;

  if (pipe2 (p, O_CLOEXEC) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "create pipe");
  pid = ns_fork_joining (node, ctid, &in_dfl);
  if (pid < 0)
    {
      int e = errno;
      close (p[0]);
      close (p[1]);
      return corral_error (err, EXIT_SYSTEM, e, "fork");
    }
  if (pid == 0)
    {
      close (p[0]);
      if (ns_join (node, ctid, init_pid, in_dfl, &child) == 0)
        fn (arg, &child);
      if (child.message[0] && write (p[1], &child, sizeof child) < 0)
        _exit (2);
      _exit (child.message[0] ? 1 : 0);
    }
  close (p[1]);
  waitpid (pid, &status, 0);
  if (read (p[0], &child, sizeof child) == (ssize_t) sizeof child)
    {
      close (p[0]);
      *err = child;
      return -1;
    }
  close (p[0]);
  return 0;
}
