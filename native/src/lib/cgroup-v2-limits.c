/* Limits and counters on pure cgroup v2: one directory per CT, with the
   controllers enabled in every ancestor so CTs compete only among
   themselves under CGROUP_PARENT.  */
#include "cgroup-limits.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define V2_ROOT "/sys/fs/cgroup"

static bool
word_in (const char *list, const char *w)
{
  size_t len = strlen (w);
  for (const char *p = list; (p = strstr (p, w)); p += len)
    if ((p == list || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\n' || p[len] == '\0'))
      return true;
  return false;
}

/* Enable what each level offers of cpu, cpuset, io, memory, pids, from
   ROOT down to the CT's parent; one write per level, only controllers the
   level lists (an unknown one fails the whole write with ENOENT).  */
static int
enable_controllers (const char *root, const char *path, corral_error_t *err)
{
  static const char *const want[] = { "cpu", "cpuset", "io", "memory", "pids" };
  char dir[600], avail[256], enabled[256], req[128];
  const char *p = path;

  snprintf (dir, sizeof dir, "%s", root);
  for (;;)
    {
      const char *slash = strchr (p, '/');
      size_t len;
      req[0] = '\0';
      if (cgroup_read (dir, "cgroup.controllers", avail, sizeof avail) < 0)
        avail[0] = '\0';
      if (cgroup_read (dir, "cgroup.subtree_control", enabled, sizeof enabled) < 0)
        enabled[0] = '\0';
      for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (word_in (avail, want[i]) && !word_in (enabled, want[i]))
          {
            len = strlen (req);
            snprintf (req + len, sizeof req - len, "%s+%s", len ? " " : "", want[i]);
          }
      if (req[0] && cgroup_limits_write (dir, "cgroup.subtree_control", req, err) < 0)
        return -1;
      if (slash == NULL)
        {
          /* DIR is the CT's parent: its own weight, as on v1 (ct-limits.h,
             limits_parent_cpu_weight), where the level above lets it have one.  */
          char want[32], buf[32];
          snprintf (want, sizeof want, "%llu", (unsigned long long) limits_parent_cpu_weight (limits_host_cpus ()));
          if (cgroup_read (dir, "cpu.weight", buf, sizeof buf) > 0 && strtoull (buf, NULL, 10) != strtoull (want, NULL, 10)
              && cgroup_limits_write (dir, "cpu.weight", want, err) < 0)
            return -1;
          break;
        }
      len = strlen (dir);
      snprintf (dir + len, sizeof dir - len, "/%.*s", (int) (slash - p), p);
      p = slash + 1;
    }
  return 0;
}

int
cgroup_v2_apply_limits (const char *root, const char *path, const ct_limits_t *l, corral_error_t *err)
{
  limits_write_t plan[LIMITS_MAX_WRITES];
  char dir[600], probe[700];
  size_t n;

  if (enable_controllers (root, path, err) < 0)
    return -1;
  snprintf (dir, sizeof dir, "%s/%s", root, path);
  /* io.bfq.weight exists when the kernel has BFQ; otherwise io.weight.  */
  snprintf (probe, sizeof probe, "%s/io.bfq.weight", dir);
  limits_plan_v2 (l, access (probe, F_OK) == 0, plan, &n);
  for (size_t i = 0; i < n; i++)
    if (cgroup_limits_write (dir, plan[i].file, plan[i].value, err) < 0)
      return -1;
  return 0;
}

int
cgroup_v2_set_limits (const cgroup_t *cg, const ct_limits_t *l, corral_error_t *err)
{
  return cgroup_v2_apply_limits (V2_ROOT, cg->path, l, err);
}

/* io.stat: "MAJ:MIN rbytes=N wbytes=N rios=N wios=N dbytes=N dios=N" per device.  */
static void
io_sum (const char *buf, ct_stats_t *st)
{
  st->io_rbytes = st->io_wbytes = st->io_rios = st->io_wios = 0;
  for (const char *p = buf; p && *p; p = strchr (p, '\n'), p = p ? p + 1 : NULL)
    {
      unsigned long long rb, wb, ri, wi;
      if (sscanf (p, "%*s rbytes=%llu wbytes=%llu rios=%llu wios=%llu", &rb, &wb, &ri, &wi) == 4)
        {
          st->io_rbytes += rb;
          st->io_wbytes += wb;
          st->io_rios += ri;
          st->io_wios += wi;
        }
    }
}

void
cgroup_v2_read_stats_at (const char *dir, ct_stats_t *st, stats_cache_t *c, bool full)
{
  char buf[4096];
  uint64_t v;

  if (stats_read (c, 0, dir, "cpu.stat", buf, sizeof buf) > 0 && (v = stats_key (buf, "usage_usec")) != STATS_NA)
    st->cpu_ns = v * 1000;
  st->mem_current = stats_read_u64 (c, 1, dir, "memory.current");
  st->mem_peak = stats_read_u64_slow (c, 2, dir, "memory.peak");
  st->mem_limit = stats_read_u64_slow (c, 3, dir, "memory.max");
  if (stats_read_evented (c, 4, STATS_EV_POLL, dir, "memory.events", buf, sizeof buf) > 0)
    {
      st->mem_failcnt = stats_key (buf, "max");
      st->oom_kills = stats_key (buf, "oom_kill");
    }
  /* With no swap on the host nothing is swapped.  */
  st->swap_current = stats_host_swap (c) ? stats_read_u64 (c, 6, dir, "memory.swap.current") : 0;
  st->swap_peak = stats_read_u64_slow (c, 5, dir, "memory.swap.peak");
  st->swap_limit = stats_read_u64_slow (c, 8, dir, "memory.swap.max");
  if (stats_read_evented (c, 7, STATS_EV_POLL, dir, "memory.swap.events", buf, sizeof buf) > 0)
    st->swap_failcnt = stats_key (buf, "fail");
  /* Forks and exits are done by the CT's tasks, whose CPU time
     (usage_usec) moves with them: with it standing still the count cannot
     have changed (re-read every 10th sample regardless).  */
  st->pids_current = stats_read_u64_keyed (c, 9, st->cpu_ns, dir, "pids.current");
  st->pids_peak = stats_read_u64_slow (c, 10, dir, "pids.peak");
  st->pids_max = stats_read_u64_slow (c, 11, dir, "pids.max");
  if (stats_read_evented (c, 12, STATS_EV_POLL, dir, "pids.events", buf, sizeof buf) > 0)
    st->pids_failcnt = stats_key (buf, "max");
  if (stats_read (c, 13, dir, "io.stat", buf, sizeof buf) >= 0)
    io_sum (buf, st);
  if (!full)
    return;
  if (stats_read (c, 18, dir, "memory.stat", buf, sizeof buf) > 0)
    {
      st->kmem_current = stats_key (buf, "kernel");
      st->shmem = stats_key (buf, "shmem");
      st->slab_reclaimable = stats_key (buf, "slab_reclaimable");
    }
}

int
cgroup_v2_read_stats (const cgroup_t *cg, ct_stats_t *st, stats_cache_t *c, bool full)
{
  char dir[600];
  snprintf (dir, sizeof dir, V2_ROOT "/%s", cg->path);
  cgroup_v2_read_stats_at (dir, st, c, full);
  return 0;
}
