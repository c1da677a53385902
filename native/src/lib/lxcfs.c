#include "lxcfs.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "signals.h"

#define LXCFS_BIN "/usr/bin/lxcfs"
#define FUSE_MAGIC 0x65735546

static const char *const proc_files[] = { "meminfo", "cpuinfo", "stat", "loadavg", "swaps", "uptime", "diskstats" };

/* One round trip to the daemon (a dead one answers ENOTCONN): this runs
   on every start.  A file it lacks is skipped when bound.  */
static bool
serving (const char *dir)
{
  struct statfs sf;
  return statfs (dir, &sf) == 0 && sf.f_type == FUSE_MAGIC;
}

bool
lxcfs_ensure (const node_config_t *node)
{
  char dir[400], pidfile[400], lockfile[400];
  int lock;
  pid_t pid;
  bool ok;

  snprintf (dir, sizeof dir, "%s/lxcfs", node->root);
  if (access (LXCFS_BIN, X_OK) < 0)
    return false;
  snprintf (lockfile, sizeof lockfile, "%s/lxcfs.lock", node->run_dir);
  /* Always under the lock: two CTs starting at once must not stack two
     FUSE mounts, and the last CT's destroy (lxcfs_release) must not take the
     instance away between our check and our binds.  */
  lock = open (lockfile, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock < 0 || flock (lock, LOCK_EX) < 0)
    {
      if (lock >= 0)
        close (lock);
      return false;
    }
  if (serving (dir))
    {
      close (lock);
      return true;
    }
  /* A dead instance leaves a mount that answers ENOTCONN.  */
  umount2 (dir, MNT_DETACH);
  mkdir (dir, 0755);
  snprintf (pidfile, sizeof pidfile, "%s/lxcfs.pid", node->run_dir);
  pid = fork ();
  if (pid == 0)
    {
      int devnull = open ("/dev/null", O_RDWR);
      /* The monitor blocks SIGTERM and friends for its signalfd; a daemon
         that inherited that mask could never be stopped with kill.  */
      signals_default ();
      setsid ();
      if (fork () != 0)
        _exit (0);
      dup2 (devnull, 0);
      dup2 (devnull, 1);
      dup2 (devnull, 2);
      syscall (SYS_close_range, 3, ~0U, 0);
      /* -l: loadavg per CT; --enable-cfs: cpuinfo/stat show the CPUs the
         quota allows, so top and nproc-by-cpuinfo match --cpus.  */
      execl (LXCFS_BIN, "lxcfs", "-f", "-l", "--enable-cfs", "-p", pidfile, dir, (char *) NULL);
      _exit (127);
    }
  if (pid > 0)
    waitpid (pid, NULL, 0);
  for (int i = 0; i < 200 && !serving (dir); i++)
    nanosleep (&(struct timespec) { 0, 10000000 }, NULL);
  ok = serving (dir);
  close (lock);
  return ok;
}

int
lxcfs_bind_proc (const char *node_root, corral_error_t *err)
{
  char dir[400], src[450], dst[64];

  snprintf (dir, sizeof dir, "%s/lxcfs", node_root);
  if (getenv ("CORRAL_NO_LXCFS"))
    return 0;
  for (size_t i = 0; i < sizeof proc_files / sizeof proc_files[0]; i++)
    {
      snprintf (src, sizeof src, "%s/proc/%s", dir, proc_files[i]);
      snprintf (dst, sizeof dst, "proc/%s", proc_files[i]);
      /* No access() checks first: each is a round trip to the lxcfs
         daemon on the start path, and mount(2) reports the same.  A file
         either side lacks is skipped; an instance that stopped answering
         since lxcfs_ensure leaves the CT with the host's numbers, as if
         lxcfs were not there.  */
      if (mount (src, dst, NULL, MS_BIND, NULL) < 0)
        {
          if (errno == ENOENT)
            continue;
          if (errno == ENOTCONN)
            return 0;
          return corral_error (err, EXIT_SYSTEM, errno, "bind lxcfs `%s` over `/%s`", src, dst);
        }
    }
  return 0;
}

/* Any CT of the node other than SELF (a config, running or not)?  */
static bool
others_exist (const node_config_t *node, int self)
{
  DIR *d = opendir (node->conf_dir);
  struct dirent *de;
  bool found = false;

  if (d == NULL)
    return false;
  while (!found && (de = readdir (d)))
    {
      char *end;
      long id = strtol (de->d_name, &end, 10);
      found = id > 0 && id != self && strcmp (end, ".conf") == 0;
    }
  closedir (d);
  return found;
}

void
lxcfs_release (const node_config_t *node, int self)
{
  char dir[400], pidfile[400], lockfile[400], buf[32];
  int lock, fd;
  ssize_t n;

  snprintf (dir, sizeof dir, "%s/lxcfs", node->root);
  snprintf (lockfile, sizeof lockfile, "%s/lxcfs.lock", node->run_dir);
  snprintf (pidfile, sizeof pidfile, "%s/lxcfs.pid", node->run_dir);
  lock = open (lockfile, O_RDWR | O_CLOEXEC);
  if (lock < 0 || flock (lock, LOCK_EX) < 0)
    {
      if (lock >= 0)
        close (lock);
      return;
    }
  if (!others_exist (node, self))
    {
      /* Without a pidfile (an instance whose pidfile was lost) the
         unmount below still ends it.  */
      fd = open (pidfile, O_RDONLY | O_CLOEXEC);
      n = fd >= 0 ? read (fd, buf, sizeof buf - 1) : -1;
      if (fd >= 0)
        close (fd);
      if (n > 0)
        {
          pid_t pid;
          buf[n] = '\0';
          pid = (pid_t) atoi (buf);
          /* By PID, and only if it still is our lxcfs (PID reuse): the
             pidfd, taken before the check, keeps the PID ours.  We wait on
             it, not with kill(pid, 0): lxcfs was double-forked, so once it
             exits it stays a zombie until the host's PID 1 reaps it (slow
             here).  A pidfd polls readable as soon as it exits.  */
          int pfd = pid > 1 ? (int) syscall (SYS_pidfd_open, pid, 0) : -1;
          char comm[64], path[64];
          snprintf (path, sizeof path, "/proc/%d/comm", (int) pid);
          fd = pfd >= 0 ? open (path, O_RDONLY | O_CLOEXEC) : -1;
          n = fd >= 0 ? read (fd, comm, sizeof comm - 1) : -1;
          if (fd >= 0)
            close (fd);
          /* SIGTERM, the lazy unmount (no CT holds a bind of its files any
             more), and SIGKILL if it is still there after 50 ms: lxcfs 5
             sat in its FUSE loop for seconds after SIGTERM, and the wait
             for it held up the next start (1 s, then the old wait's limit).
             Nothing of lxcfs needs an orderly exit: its mount is detached
             here and its pidfile removed below.  It must be gone before
             the pidfile goes: an lxcfs that outlived this lock removed the
             next instance's pidfile at its exit, and that one was then
             never stopped.  */
          if (n > 0 && strncmp (comm, "lxcfs", 5) == 0
              && syscall (SYS_pidfd_send_signal, pfd, SIGTERM, NULL, 0) == 0)
            {
              struct pollfd p = { .fd = pfd, .events = POLLIN };
              umount2 (dir, MNT_DETACH);
              if (poll (&p, 1, 50) <= 0)
                {
                  syscall (SYS_pidfd_send_signal, pfd, SIGKILL, NULL, 0);
                  while (poll (&p, 1, 2000) < 0 && errno == EINTR)
                    ;
                }
            }
          if (pfd >= 0)
            close (pfd);
        }
      umount2 (dir, MNT_DETACH);
      rmdir (dir);
      unlink (pidfile);
    }
  close (lock);
}
