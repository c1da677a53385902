/* Pure cgroup v2: one directory under /sys/fs/cgroup.  Controllers are
   enabled in the parent's subtree_control by set_limits (next issue).  */
#include "cgroup.h"
#include "cgroup-limits.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define V2_ROOT "/sys/fs/cgroup"

static void
v2_path (const cgroup_t *cg, char *buf, size_t size)
{
  snprintf (buf, size, V2_ROOT "/%s", cg->path);
}

static int
v2_create (const cgroup_t *cg, corral_error_t *err)
{
  char dir[512];
  v2_path (cg, dir, sizeof dir);
  return cgroup_mkdir_p (dir, err);
}

static int
v2_enter (const cgroup_t *cg, pid_t pid, corral_error_t *err)
{
  char dir[512], value[16];
  v2_path (cg, dir, sizeof dir);
  snprintf (value, sizeof value, "%d", (int) pid);
  return cgroup_write (dir, "cgroup.procs", value, err);
}

static int
v2_enter_self (const cgroup_t *cg, bool skip_dfl, corral_error_t *err)
{
  char dir[512];
  if (skip_dfl)
    return 0;
  v2_path (cg, dir, sizeof dir);
  return cgroup_write (dir, "cgroup.procs", "0", err);
}

static int
v2_open_dfl (const cgroup_t *cg)
{
  char dir[512];
  v2_path (cg, dir, sizeof dir);
  return open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static int
v2_freeze (const cgroup_t *cg, bool frozen, corral_error_t *err)
{
  char dir[512], buf[256];
  const char *want = frozen ? "frozen 1" : "frozen 0";

  v2_path (cg, dir, sizeof dir);
  if (cgroup_write (dir, "cgroup.freeze", frozen ? "1" : "0", err) < 0)
    return -1;
  for (int i = 0; i < 5000; i++)
    {
      if (cgroup_read (dir, "cgroup.events", buf, sizeof buf) > 0 && strstr (buf, want))
        return 0;
      nanosleep (&(struct timespec) { 0, 1000000 }, NULL);
    }
  return corral_error (err, EXIT_SYSTEM, ETIMEDOUT, "wait for `%s` to be %s", dir, want);
}

static int
v2_kill (const cgroup_t *cg, corral_error_t *err)
{
  char dir[512];
  v2_path (cg, dir, sizeof dir);
  return cgroup_write (dir, "cgroup.kill", "1", err);
}

static int
v2_pids (const cgroup_t *cg, pid_t **pids, size_t *n, corral_error_t *err)
{
  char dir[512];
  v2_path (cg, dir, sizeof dir);
  return cgroup_read_pids (dir, pids, n, err);
}

static int
v2_destroy (const cgroup_t *cg, corral_error_t *err)
{
  char dir[512];
  v2_path (cg, dir, sizeof dir);
  return cgroup_rmdir (dir, err);
}

static bool
v2_exists (const cgroup_t *cg)
{
  char dir[512];
  struct stat st;
  v2_path (cg, dir, sizeof dir);
  return stat (dir, &st) == 0;
}

static long
v2_oom_kills (const cgroup_t *cg)
{
  char dir[512], buf[512], *p;
  v2_path (cg, dir, sizeof dir);
  if (cgroup_read (dir, "memory.events", buf, sizeof buf) < 0 || (p = strstr (buf, "oom_kill ")) == NULL)
    return 0;
  return strtol (p + 9, NULL, 10);
}

static int
v2_delegate (const cgroup_t *cg, uid_t uid, gid_t gid, corral_error_t *err)
{
  char dir[512];
  v2_path (cg, dir, sizeof dir);
  return cgroup_chown_delegated (dir, uid, gid, err);
}

const cgroup_manager_t cgroup_manager_v2 = {
  .name = "v2",
  .create = v2_create,
  .enter = v2_enter,
  .enter_self = v2_enter_self,
  .open_dfl = v2_open_dfl,
  .freeze = v2_freeze,
  .kill = v2_kill,
  .pids = v2_pids,
  .destroy = v2_destroy,
  .exists = v2_exists,
  .oom_kills = v2_oom_kills,
  .delegate = v2_delegate,
  .set_limits = cgroup_v2_set_limits,
  .read_stats = cgroup_v2_read_stats,
};
