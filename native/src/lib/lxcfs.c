#include "lxcfs.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
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

#include "ct-state.h"

#define LXCFS_BIN "/usr/bin/lxcfs"
#define FUSE_MAGIC 0x65735546

static const char *const proc_files[] = { "meminfo", "cpuinfo", "stat", "loadavg", "swaps", "uptime", "diskstats" };

static bool
serving (const char *dir)
{
  char path[400];
  struct statfs sf;
  snprintf (path, sizeof path, "%s/proc/meminfo", dir);
  return statfs (dir, &sf) == 0 && sf.f_type == FUSE_MAGIC && access (path, R_OK) == 0;
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
     FUSE mounts, and a last CT stopping (lxcfs_release) must not take the
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
      sigset_t none;
      /* The monitor blocks SIGTERM and friends for its signalfd; a daemon
         that inherited that mask could never be stopped with kill.  */
      sigemptyset (&none);
      sigprocmask (SIG_SETMASK, &none, NULL);
      for (int sig = 1; sig < NSIG; sig++)
        signal (sig, SIG_DFL);
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
  if (!serving (dir) || getenv ("CORRAL_NO_LXCFS"))
    return 0;
  for (size_t i = 0; i < sizeof proc_files / sizeof proc_files[0]; i++)
    {
      snprintf (src, sizeof src, "%s/proc/%s", dir, proc_files[i]);
      snprintf (dst, sizeof dst, "proc/%s", proc_files[i]);
      if (access (src, F_OK) < 0 || access (dst, F_OK) < 0)
        continue;
      if (mount (src, dst, NULL, MS_BIND, NULL) < 0)
        return corral_error (err, EXIT_SYSTEM, errno, "bind lxcfs `%s` over `/%s`", src, dst);
    }
  return 0;
}

/* Any CT of the node other than SELF with a live monitor (starting,
   running or stopping)?  */
static bool
others_alive (const node_config_t *node, int self)
{
  DIR *d = opendir (node->conf_dir);
  struct dirent *de;
  bool alive = false;

  if (d == NULL)
    return false;
  while (!alive && (de = readdir (d)))
    {
      char *end;
      long id = strtol (de->d_name, &end, 10);
      ct_state_t st;
      corral_error_t ignored;
      if (id <= 0 || id == self || strcmp (end, ".conf") != 0
          || ct_state_load (node, (int) id, &st, &ignored) < 0)
        continue;
      alive = st.monitor_pid > 0 && kill (st.monitor_pid, 0) == 0;
    }
  closedir (d);
  return alive;
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
  if (!others_alive (node, self) && (fd = open (pidfile, O_RDONLY | O_CLOEXEC)) >= 0)
    {
      n = read (fd, buf, sizeof buf - 1);
      close (fd);
      if (n > 0)
        {
          pid_t pid;
          buf[n] = '\0';
          pid = (pid_t) atoi (buf);
          /* By PID, and only if it still is our lxcfs (PID reuse).  */
          char comm[64], path[64];
          snprintf (path, sizeof path, "/proc/%d/comm", (int) pid);
          fd = open (path, O_RDONLY | O_CLOEXEC);
          n = fd >= 0 ? read (fd, comm, sizeof comm - 1) : -1;
          if (fd >= 0)
            close (fd);
          if (pid > 1 && n > 0 && strncmp (comm, "lxcfs", 5) == 0 && kill (pid, SIGTERM) == 0)
            for (int i = 0; i < 100 && kill (pid, 0) == 0; i++)
              nanosleep (&(struct timespec) { 0, 10000000 }, NULL);
        }
      umount2 (dir, MNT_DETACH);
      rmdir (dir);
      unlink (pidfile);
    }
  close (lock);
}
