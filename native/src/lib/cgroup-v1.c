/* cgroup v1 and the hybrid layout: one directory per hierarchy (every v1
   controller mount, the named systemd one, and the controller-less
   cgroup2 at /sys/fs/cgroup/unified when present, whose cgroup.kill and
   cgroup.freeze work even without controllers).  */
#include "cgroup.h"
#include "cgroup-limits.h"
#include "cgroup-v1-mounts.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_HIER 16

typedef struct hier_s
{
  char mnt[256];
  bool unified;
  bool cpu, cpuset, freezer, memory;
} hier_t;

static hier_t hiers[MAX_HIER];
static int n_hiers = -1;

static void
hier_scan (void)
{
  const cgroup_mount_t *m;
  int n;

  if (n_hiers >= 0)
    return;
  n = cgroup_v1_mounts (&m);
  for (n_hiers = 0; n_hiers < n && n_hiers < MAX_HIER; n_hiers++)
    {
      hier_t *h = &hiers[n_hiers];
      snprintf (h->mnt, sizeof h->mnt, "%s", m[n_hiers].mnt);
      h->unified = m[n_hiers].unified;
      h->cpu = cgroup_opts_has (m[n_hiers].opts, "cpu");
      h->cpuset = cgroup_opts_has (m[n_hiers].opts, "cpuset");
      h->freezer = cgroup_opts_has (m[n_hiers].opts, "freezer");
      h->memory = cgroup_opts_has (m[n_hiers].opts, "memory");
    }
}

static void
hier_path (const hier_t *h, const cgroup_t *cg, char *buf, size_t size)
{
  /* Both parts are bounded well below SIZE (mount points, CGROUP_PARENT/CTID).  */
  if (snprintf (buf, size, "%s/%s", h->mnt, cg->path) >= (int) size)
    buf[0] = '\0';
}

static const hier_t *
hier_find (bool (*pred) (const hier_t *))
{
  hier_scan ();
  for (int i = 0; i < n_hiers; i++)
    if (pred (&hiers[i]))
      return &hiers[i];
  return NULL;
}

static bool is_freezer (const hier_t *h) { return h->freezer; }
static bool is_memory (const hier_t *h) { return h->memory; }
static bool is_unified (const hier_t *h) { return h->unified; }
static bool is_v1 (const hier_t *h) { return !h->unified; }

/* A new cpuset cgroup starts with empty cpus/mems and refuses tasks, so
   each level inherits its parent's values.  */
static int
cpuset_fill (const hier_t *h, const cgroup_t *cg, corral_error_t *err)
{
  char dir[512], parent[512], buf[256];
  size_t base = strlen (h->mnt);

  snprintf (dir, sizeof dir, "%s/%s", h->mnt, cg->path);
  for (char *p = dir + base + 1;; p++)
    {
      if (*p == '/' || *p == '\0')
        {
          char saved = *p;
          *p = '\0';
          snprintf (parent, sizeof parent, "%s", dir);
          *strrchr (parent, '/') = '\0';
          for (int i = 0; i < 2; i++)
            {
              const char *file = i ? "cpuset.mems" : "cpuset.cpus";
              if (cgroup_read (dir, file, buf, sizeof buf) > 1)
                continue;
              if (cgroup_read (parent, file, buf, sizeof buf) < 0)
                return corral_error (err, EXIT_SYSTEM, errno, "read `%s/%s`", parent, file);
              if (cgroup_write (dir, file, buf, err) < 0)
                return -1;
            }
          *p = saved;
          if (saved == '\0')
            break;
        }
    }
  return 0;
}

/* CGROUP_PARENT's own cpu.shares (limits_parent_cpu_shares says why);
   checked on every create, so a CPU added to the node or a parent someone
   reset is put right at the next start.  One read when it is already so.  */
static int
parent_shares (const char *dir, corral_error_t *err)
{
  char parent[512], want[32], buf[32];
  char *slash;

  snprintf (parent, sizeof parent, "%s", dir);
  slash = strrchr (parent, '/');
  if (slash == NULL)
    return 0;
  *slash = '\0';
  snprintf (want, sizeof want, "%llu", (unsigned long long) limits_parent_cpu_shares (limits_host_cpus ()));
  if (cgroup_read (parent, "cpu.shares", buf, sizeof buf) > 0 && strtoull (buf, NULL, 10) == strtoull (want, NULL, 10))
    return 0;
  return cgroup_write (parent, "cpu.shares", want, err);
}

static int
v1_create (const cgroup_t *cg, corral_error_t *err)
{
  char dir[512];

  hier_scan ();
  if (n_hiers == 0)
    return corral_error (err, EXIT_SYSTEM, 0, "find cgroup hierarchies: none mounted");
  for (int i = 0; i < n_hiers; i++)
    {
      hier_path (&hiers[i], cg, dir, sizeof dir);
      if (cgroup_mkdir_p (dir, err) < 0)
        return -1;
      if (hiers[i].cpuset && cpuset_fill (&hiers[i], cg, err) < 0)
        return -1;
      if (hiers[i].cpu && parent_shares (dir, err) < 0)
        return -1;
    }
  return 0;
}

static int
v1_enter (const cgroup_t *cg, pid_t pid, corral_error_t *err)
{
  char dir[512], value[16];

  hier_scan ();
  snprintf (value, sizeof value, "%d", (int) pid);
  for (int i = 0; i < n_hiers; i++)
    {
      hier_path (&hiers[i], cg, dir, sizeof dir);
      if (cgroup_write (dir, "cgroup.procs", value, err) < 0)
        return -1;
    }
  return 0;
}

static int
v1_enter_self (const cgroup_t *cg, bool skip_dfl, corral_error_t *err)
{
  char dir[512];

  hier_scan ();
  for (int i = 0; i < n_hiers; i++)
    {
      if (hiers[i].unified && skip_dfl)
        continue;
      hier_path (&hiers[i], cg, dir, sizeof dir);
      if (cgroup_write (dir, hiers[i].unified ? "cgroup.procs" : "tasks", "0", err) < 0)
        return -1;
    }
  return 0;
}

static int
v1_open_dfl (const cgroup_t *cg)
{
  const hier_t *u = hier_find (is_unified);
  char dir[512];

  if (u == NULL)
    return -1;
  hier_path (u, cg, dir, sizeof dir);
  return open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static int
v1_freeze (const cgroup_t *cg, bool frozen, corral_error_t *err)
{
  const hier_t *h = hier_find (is_freezer);
  char dir[512], buf[32];
  const char *want = frozen ? "FROZEN" : "THAWED";

  if (h == NULL)
    return corral_error (err, EXIT_UNSUPPORTED, 0, "freeze: no freezer cgroup hierarchy");
  hier_path (h, cg, dir, sizeof dir);
  if (cgroup_write (dir, "freezer.state", want, err) < 0)
    return -1;
  /* FREEZING is transient; the write returns before every task stopped.  */
  for (int i = 0; i < 5000; i++)
    {
      if (cgroup_read (dir, "freezer.state", buf, sizeof buf) > 0 && strncmp (buf, want, strlen (want)) == 0)
        return 0;
      nanosleep (&(struct timespec) { 0, 1000000 }, NULL);
      if (frozen && i % 100 == 99)
        cgroup_write (dir, "freezer.state", want, err);
    }
  return corral_error (err, EXIT_SYSTEM, ETIMEDOUT, "set `%s` to %s", dir, want);
}

static int
v1_pids (const cgroup_t *cg, pid_t **pids, size_t *n, corral_error_t *err)
{
  const hier_t *h = hier_find (is_v1);
  char dir[512];

  if (h == NULL)
    h = hier_find (is_unified);
  if (h == NULL)
    return corral_error (err, EXIT_SYSTEM, 0, "list pids: no cgroup hierarchy");
  hier_path (h, cg, dir, sizeof dir);
  return cgroup_read_pids (dir, pids, n, err);
}

static int
v1_kill (const cgroup_t *cg, corral_error_t *err)
{
  const hier_t *u = hier_find (is_unified);
  char dir[512];
  pid_t *pids;
  size_t n;

  if (u)
    {
      hier_path (u, cg, dir, sizeof dir);
      if (cgroup_write (dir, "cgroup.kill", "1", err) == 0)
        return 0;
    }
  /* No cgroup.kill: freeze first so nothing forks between listing and
     killing, then SIGKILL everyone and thaw so the signals land.  */
  v1_freeze (cg, true, err);
  if (v1_pids (cg, &pids, &n, err) < 0)
    return -1;
  for (size_t i = 0; i < n; i++)
    kill (pids[i], SIGKILL);
  free (pids);
  return v1_freeze (cg, false, err);
}

static int
v1_destroy (const cgroup_t *cg, corral_error_t *err)
{
  char dir[512];
  int ret = 0;

  hier_scan ();
  for (int i = 0; i < n_hiers; i++)
    {
      hier_path (&hiers[i], cg, dir, sizeof dir);
      if (cgroup_rmdir (dir, err) < 0)
        ret = -1;
    }
  return ret;
}

static bool
v1_exists (const cgroup_t *cg)
{
  const hier_t *h = hier_find (is_v1);
  char dir[512];
  struct stat st;

  if (h == NULL)
    return false;
  hier_path (h, cg, dir, sizeof dir);
  return stat (dir, &st) == 0;
}

static long
v1_oom_kills (const cgroup_t *cg)
{
  const hier_t *h = hier_find (is_memory);
  char dir[512], buf[512], *p;

  if (h == NULL)
    return 0;
  hier_path (h, cg, dir, sizeof dir);
  if (cgroup_read (dir, "memory.oom_control", buf, sizeof buf) < 0 || (p = strstr (buf, "oom_kill ")) == NULL)
    return 0;
  return strtol (p + 9, NULL, 10);
}

static int
v1_delegate (const cgroup_t *cg, uid_t uid, gid_t gid, corral_error_t *err)
{
  const hier_t *u = hier_find (is_unified);
  char dir[512];

  if (u == NULL)
    return 0;
  hier_path (u, cg, dir, sizeof dir);
  return cgroup_chown_delegated (dir, uid, gid, err);
}

const cgroup_manager_t cgroup_manager_v1 = {
  .name = "v1",
  .create = v1_create,
  .enter = v1_enter,
  .enter_self = v1_enter_self,
  .open_dfl = v1_open_dfl,
  .freeze = v1_freeze,
  .kill = v1_kill,
  .pids = v1_pids,
  .destroy = v1_destroy,
  .exists = v1_exists,
  .oom_kills = v1_oom_kills,
  .delegate = v1_delegate,
  .set_limits = cgroup_v1_set_limits,
  .read_stats = cgroup_v1_read_stats,
};
