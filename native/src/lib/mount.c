/* The CT's root filesystem view (openvz-model §6.2, §6.3).  Every path is
   relative to the CWD, which the caller set to the mounted CT root.  */
#include "isolation.h"
#include "lxcfs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define MNT_FLAGS_PROC (MS_NOSUID | MS_NODEV | MS_NOEXEC)

static int
mnt (const char *src, const char *target, const char *fstype, unsigned long flags, const char *data,
     corral_error_t *err)
{
  if (mount (src, target, fstype, flags, data) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "mount `/%s`", target);
  return 0;
}

static int
ensure_dir (const char *path, corral_error_t *err)
{
  if (mkdir (path, 0755) < 0 && errno != EEXIST)
    return corral_error (err, EXIT_SYSTEM, errno, "create `/%s`", path);
  return 0;
}

/* A bind mount onto itself, then a read-only remount that keeps the flags
   the kernel locked on it (a user namespace may not clear them).  */
static int
bind_readonly (const char *path, unsigned long keep, corral_error_t *err)
{
  if (access (path, F_OK) < 0)
    return 0;
  if (mnt (path, path, NULL, MS_BIND | MS_REC, NULL, err) < 0)
    return -1;
  return mnt (NULL, path, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | keep, NULL, err);
}

static const char *const masked[] = {
  "proc/acpi", "proc/asound", "proc/interrupts", "proc/kcore", "proc/keys", "proc/latency_stats",
  "proc/sched_debug", "proc/scsi", "proc/timer_list", "proc/timer_stats", "sys/devices/virtual/powercap",
  "sys/firmware",
};

static const char *const readonly[] = {
  "proc/bus", "proc/fs", "proc/irq", "proc/sysrq-trigger",
};

static int
mask_path (const char *path, corral_error_t *err)
{
  struct stat st;

  if (stat (path, &st) < 0)
    return 0;
  if (S_ISDIR (st.st_mode))
    return mnt ("tmpfs", path, "tmpfs", MS_RDONLY | MNT_FLAGS_PROC, "size=0,mode=555", err);
  return mnt ("/dev/null", path, NULL, MS_BIND, NULL, err);
}

static int
setup_proc (corral_error_t *err)
{
  if (ensure_dir ("proc", err) < 0 || mnt ("proc", "proc", "proc", MNT_FLAGS_PROC, NULL, err) < 0)
    return -1;
  /* /proc/sys read-only, but /proc/sys/net stays writable: it only reaches
     the CT's own network namespace (LXC's proc:mixed).  */
  if (mnt ("proc/sys", "proc/sys", NULL, MS_BIND | MS_REC, NULL, err) < 0
      || mnt ("proc/sys/net", "proc/sys/net", NULL, MS_BIND | MS_REC, NULL, err) < 0
      || mnt (NULL, "proc/sys", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MNT_FLAGS_PROC, NULL, err) < 0)
    return -1;
  for (size_t i = 0; i < sizeof readonly / sizeof readonly[0]; i++)
    if (bind_readonly (readonly[i], MNT_FLAGS_PROC, err) < 0)
      return -1;
  return 0;
}

static int
setup_sys (corral_error_t *err)
{
  if (ensure_dir ("sys", err) < 0)
    return -1;
  if (mnt ("sysfs", "sys", "sysfs", MS_RDONLY | MNT_FLAGS_PROC, NULL, err) < 0)
    return -1;
  /* The CT's own cgroup2 tree, rooted at its cgroup (the cgroup namespace)
     and writable because the monitor delegated it to CT root: systemd
     refuses to run without one.  On a hybrid host it has no controllers.  */
  if (access ("sys/fs/cgroup", F_OK) == 0
      && mnt ("cgroup2", "sys/fs/cgroup", "cgroup2", MNT_FLAGS_PROC, NULL, err) < 0)
    return -1;
  return 0;
}

static const char *const dev_nodes[] = { "null", "zero", "full", "random", "urandom", "tty" };

static int
setup_dev (const char *console_path, uint64_t pty_max, corral_error_t *err)
{
  char host[64], path[64], pts_opts[96];
  int fd;

  if (ensure_dir ("dev", err) < 0
      || mnt ("tmpfs", "dev", "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=65536k", err) < 0)
    return -1;
  /* mknod is refused in a user namespace, so the default nodes are bind
     mounts of the host's; the devices they reach are harmless ones.  */
  for (size_t i = 0; i < sizeof dev_nodes / sizeof dev_nodes[0]; i++)
    {
      snprintf (host, sizeof host, "/dev/%s", dev_nodes[i]);
      snprintf (path, sizeof path, "dev/%s", dev_nodes[i]);
      fd = open (path, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
      if (fd < 0)
        return corral_error (err, EXIT_SYSTEM, errno, "create `/%s`", path);
      close (fd);
      if (mnt (host, path, NULL, MS_BIND, NULL, err) < 0)
        return -1;
    }
  /* numpty: devpts max= makes ptmx fail with ENOSPC past the limit.  */
  snprintf (pts_opts, sizeof pts_opts, "newinstance,ptmxmode=0666,mode=0620,gid=5");
  if (pty_max && pty_max != UINT64_MAX)
    snprintf (pts_opts + strlen (pts_opts), sizeof pts_opts - strlen (pts_opts), ",max=%llu",
              (unsigned long long) pty_max);
  if (ensure_dir ("dev/pts", err) < 0
      || mnt ("devpts", "dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, pts_opts, err) < 0)
    return -1;
  if (ensure_dir ("dev/shm", err) < 0
      || mnt ("shm", "dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777,size=65536k", err) < 0)
    return -1;
  if (ensure_dir ("dev/mqueue", err) < 0
      || mnt ("mqueue", "dev/mqueue", "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, err) < 0)
    return -1;
  static const char *const links[][2] = {
    { "pts/ptmx", "dev/ptmx" }, { "/proc/self/fd", "dev/fd" }, { "/proc/self/fd/0", "dev/stdin" },
    { "/proc/self/fd/1", "dev/stdout" }, { "/proc/self/fd/2", "dev/stderr" },
  };
  for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
    if (symlink (links[i][0], links[i][1]) < 0)
      return corral_error (err, EXIT_SYSTEM, errno, "create `/%s`", links[i][1]);
  /* The console is the monitor's pty slave, bound over a plain file (OCI).  */
  fd = open ("dev/console", O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "create `/dev/console`");
  close (fd);
  return mnt (console_path, "dev/console", NULL, MS_BIND, NULL, err);
}

int
mount_setup_rootfs (const ct_spawn_t *sp, corral_error_t *err)
{
  const char *console_path = sp->console_path;

  /* proc and sysfs are mounted before pivot_root: in a user namespace the
     kernel allows them only while a fully visible instance is in view.  */
  if (setup_proc (err) < 0 || (sp->lxcfs && lxcfs_bind_proc (sp->node->root, err) < 0) || setup_sys (err) < 0
      || setup_dev (console_path, sp->ct->numpty, err) < 0)
    return -1;
  for (size_t i = 0; i < sizeof masked / sizeof masked[0]; i++)
    if (mask_path (masked[i], err) < 0)
      return -1;
  /* pivot_root(".", ".") stacks the old root on the new one; detaching
     it leaves only the CT root (runc's trick, no temp dir in the CT).  */
  if (syscall (SYS_pivot_root, ".", ".") < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "pivot_root into the CT root");
  if (umount2 (".", MNT_DETACH) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "detach the host root");
  if (chdir ("/") < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "chdir `/`");
  return 0;
}
