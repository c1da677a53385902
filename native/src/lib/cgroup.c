#include "cgroup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <linux/sched.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <linux/magic.h>

bool
cgroup_is_v2 (void)
{
  static int cached = -1;
  struct statfs sf;

  if (cached < 0)
    cached = statfs ("/sys/fs/cgroup", &sf) == 0 && sf.f_type == CGROUP2_SUPER_MAGIC;
  return cached;
}

int
cgroup_open (const node_config_t *node, const char *name, cgroup_t *cg, corral_error_t *err)
{
  int n = snprintf (cg->path, sizeof cg->path, "%s/%s", node->cgroup_parent, name);
  if (n < 0 || (size_t) n >= sizeof cg->path)
    return corral_error (err, EXIT_BADVALUE, 0, "cgroup path `%s/%s` too long", node->cgroup_parent, name);
  cg->ops = cgroup_is_v2 () ? &cgroup_manager_v2 : &cgroup_manager_v1;
  return 0;
}

int
cgroup_open_ct (const node_config_t *node, int ctid, cgroup_t *cg, corral_error_t *err)
{
  char name[16];
  snprintf (name, sizeof name, "%d", ctid);
  return cgroup_open (node, name, cg, err);
}

pid_t
cgroup_clone (int dfl_fd, unsigned long flags, bool *into)
{
  *into = false;
  if (dfl_fd >= 0)
    {
      struct clone_args a = {
        .flags = (flags & ~0xffUL) | CLONE_INTO_CGROUP,
        .exit_signal = flags & 0xff,
        .cgroup = (unsigned long) dfl_fd,
      };
      long pid = syscall (SYS_clone3, &a, sizeof a);
      if (pid >= 0)
        {
          *into = true;
          return (pid_t) pid;
        }
      /* Older kernel or a cgroup that refuses: the plain way below.  */
    }
  return (pid_t) syscall (SYS_clone, flags, NULL, NULL, NULL, 0);
}

int
cgroup_write (const char *dir, const char *file, const char *value, corral_error_t *err)
{
  char path[512];
  int fd;
  size_t len = strlen (value);

  snprintf (path, sizeof path, "%s/%s", dir, file);
  fd = open (path, O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "open `%s`", path);
  if (write (fd, value, len) != (ssize_t) len)
    {
      int e = errno;
      close (fd);
      return corral_error (err, EXIT_SYSTEM, e, "write `%s` to `%s`", value, path);
    }
  close (fd);
  return 0;
}

int
cgroup_read (const char *dir, const char *file, char *buf, size_t size)
{
  char path[512];
  int fd;
  ssize_t n;

  snprintf (path, sizeof path, "%s/%s", dir, file);
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -errno;
  n = read (fd, buf, size - 1);
  close (fd);
  if (n < 0)
    return -errno;
  buf[n] = '\0';
  return (int) n;
}

int
cgroup_mkdir_p (const char *path, corral_error_t *err)
{
  char buf[512];

  /* Every start creates its cgroups in each hierarchy: one mkdir when the
     parents exist (the common case) instead of one per path component.  */
  if (mkdir (path, 0755) == 0 || errno == EEXIST)
    return 0;
  if (errno != ENOENT)
    return corral_error (err, EXIT_SYSTEM, errno, "create cgroup `%s`", path);
  snprintf (buf, sizeof buf, "%s", path);
  for (char *p = buf + 1; *p; p++)
    if (*p == '/')
      {
        *p = '\0';
        if (mkdir (buf, 0755) < 0 && errno != EEXIST)
          return corral_error (err, EXIT_SYSTEM, errno, "create cgroup `%s`", buf);
        *p = '/';
      }
  if (mkdir (buf, 0755) < 0 && errno != EEXIST)
    return corral_error (err, EXIT_SYSTEM, errno, "create cgroup `%s`", buf);
  return 0;
}

int
cgroup_read_pids (const char *dir, pid_t **pids, size_t *n, corral_error_t *err)
{
  char path[512];
  FILE *f;
  size_t cap = 16;
  long v;

  *n = 0;
  *pids = malloc (cap * sizeof **pids);
  if (*pids == NULL)
    return corral_error (err, EXIT_SYSTEM, ENOMEM, "read pids");
  snprintf (path, sizeof path, "%s/cgroup.procs", dir);
  f = fopen (path, "re");
  if (f == NULL)
    {
      if (errno == ENOENT)
        return 0;
      return corral_error (err, EXIT_SYSTEM, errno, "open `%s`", path);
    }
  while (fscanf (f, "%ld", &v) == 1)
    {
      if (*n == cap)
        {
          pid_t *p = realloc (*pids, (cap *= 2) * sizeof **pids);
          if (p == NULL)
            {
              fclose (f);
              return corral_error (err, EXIT_SYSTEM, ENOMEM, "read pids");
            }
          *pids = p;
        }
      (*pids)[(*n)++] = (pid_t) v;
    }
  fclose (f);
  return 0;
}

/* rmdir of a cgroup fails with EBUSY for a short while after its last
   task exited (the task is still being released), so retry briefly.
   Sub-cgroups go first: a CT's init (systemd) builds its own tree in the
   delegated cgroup2 directory.  */
int
cgroup_rmdir (const char *dir, corral_error_t *err)
{
  DIR *d = opendir (dir);
  struct dirent *de;

  if (d)
    {
      while ((de = readdir (d)))
        {
          char sub[1024];
          if (de->d_type != DT_DIR || de->d_name[0] == '.')
            continue;
          snprintf (sub, sizeof sub, "%s/%s", dir, de->d_name);
          if (cgroup_rmdir (sub, err) < 0)
            {
              closedir (d);
              return -1;
            }
        }
      closedir (d);
    }
  for (int i = 0; i < 200; i++)
    {
      if (rmdir (dir) == 0 || errno == ENOENT)
        return 0;
      if (errno != EBUSY)
        break;
      nanosleep (&(struct timespec) { 0, 1000000 }, NULL);
    }
  return corral_error (err, EXIT_SYSTEM, errno, "remove cgroup `%s`", dir);
}

int
cgroup_chown_delegated (const char *dir, uid_t uid, gid_t gid, corral_error_t *err)
{
  static const char *const files[] = { "", "/cgroup.procs", "/cgroup.threads", "/cgroup.subtree_control" };
  char path[512];

  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
    {
      snprintf (path, sizeof path, "%s%s", dir, files[i]);
      if (chown (path, uid, gid) < 0 && !(i > 0 && errno == ENOENT))
        return corral_error (err, EXIT_SYSTEM, errno, "delegate cgroup `%s`", path);
    }
  return 0;
}
