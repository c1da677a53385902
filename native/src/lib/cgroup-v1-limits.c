/* Limits and counters on cgroup v1 (this machine's layout): one directory
   per controller hierarchy.  */
#include "cgroup-limits.h"
#include "cgroup-v1-mounts.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct v1_mounts_s
{
  bool scanned;
  char memory[256], cpu[256], cpuacct[256], cpuset[256], blkio[256], pids[256];
} v1_mounts_t;

static v1_mounts_t mounts;

static void
mounts_scan (void)
{
  const cgroup_mount_t *m;
  int n;

  if (mounts.scanned)
    return;
  mounts.scanned = true;
  n = cgroup_v1_mounts (&m);
  for (int i = 0; i < n; i++)
    {
      if (m[i].unified)
        continue;
#define CTRL(name)                                                      \
  if (cgroup_opts_has (m[i].opts, #name) && mounts.name[0] == '\0')     \
    snprintf (mounts.name, sizeof mounts.name, "%s", m[i].mnt);
      CTRL (memory) CTRL (cpu) CTRL (cpuacct) CTRL (cpuset) CTRL (blkio) CTRL (pids)
#undef CTRL
    }
}

void
cgroup_v1_dirs (const cgroup_t *cg, v1_dirs_t *d)
{
  mounts_scan ();
#define DIR(name)                                                            \
  if (mounts.name[0])                                                        \
    snprintf (d->name, sizeof d->name, "%s/%s", mounts.name, cg->path);      \
  else                                                                       \
    d->name[0] = '\0';
  DIR (memory) DIR (cpu) DIR (cpuacct) DIR (cpuset) DIR (blkio) DIR (pids)
#undef DIR
}

int
cgroup_limits_write (const char *dir, const char *file, const char *value, corral_error_t *err)
{
  char path[600];
  size_t len = strlen (value);
  int fd, e;

  snprintf (path, sizeof path, "%s/%s", dir, file);
  fd = open (path, O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "open `%s`", path);
  if (write (fd, value, len) != (ssize_t) len)
    {
      e = errno;
      close (fd);
      return corral_error (err, EXIT_SYSTEM, e, "write `%s` to `%s`", value, path);
    }
  close (fd);
  return 0;
}

static const char *
ctrl_dir (const v1_dirs_t *d, const char *ctrl)
{
  if (strcmp (ctrl, "memory") == 0) return d->memory;
  if (strcmp (ctrl, "cpu") == 0) return d->cpu;
  if (strcmp (ctrl, "cpuset") == 0) return d->cpuset;
  if (strcmp (ctrl, "blkio") == 0) return d->blkio;
  if (strcmp (ctrl, "pids") == 0) return d->pids;
  return "";
}

int
cgroup_v1_apply_limits (const v1_dirs_t *d, const ct_limits_t *l, corral_error_t *err)
{
  limits_write_t plan[LIMITS_MAX_WRITES];
  size_t n;
  char buf[64];
  uint64_t cur_memsw = LIMITS_UNLIMITED;
  bool have_memsw = false;

  if (d->memory[0] && cgroup_read (d->memory, "memory.memsw.limit_in_bytes", buf, sizeof buf) > 0)
    {
      /* Present only with swap accounting (swapaccount=1 / default on).  */
      have_memsw = true;
      cur_memsw = strtoull (buf, NULL, 10);
    }
  /* blkio.bfq.weight exists when the kernel has BFQ.  Without a blkio
     hierarchy the write is planned anyway, to fail below naming it.  */
  char probe[700];
  snprintf (probe, sizeof probe, "%s/blkio.bfq.weight", d->blkio);
  limits_plan_v1 (l, cur_memsw, have_memsw, d->blkio[0] == '\0' || access (probe, F_OK) == 0, plan, &n);
  for (size_t i = 0; i < n; i++)
    {
      const char *dir = ctrl_dir (d, plan[i].ctrl);
      if (dir[0] == '\0')
        return corral_error (err, EXIT_UNSUPPORTED, 0, "set `%s`: the v1 `%s` controller is not mounted",
                             plan[i].file, plan[i].ctrl);
      if (cgroup_limits_write (dir, plan[i].file, plan[i].value, err) < 0)
        {
          /* v1 refuses a limit below what the group holds and cannot
             reclaim (v2 would reclaim or OOM-kill instead).  */
          if (err->errnum == EBUSY && strcmp (plan[i].file, "memory.limit_in_bytes") == 0)
            {
              uint64_t used = 0;
              if (cgroup_read (dir, "memory.usage_in_bytes", buf, sizeof buf) > 0)
                used = strtoull (buf, NULL, 10);
              return corral_error_code (err, EXIT_BADVALUE, EBUSY, "bad_value",
                                        "invalid --ram `%s`: below the %llu bytes the CT uses now", plan[i].value,
                                        (unsigned long long) used);
            }
          return -1;
        }
    }
  return 0;
}

int
cgroup_v1_set_limits (const cgroup_t *cg, const ct_limits_t *l, corral_error_t *err)
{
  v1_dirs_t d;
  cgroup_v1_dirs (cg, &d);
  return cgroup_v1_apply_limits (&d, l, err);
}

/* blkio.throttle.io_service*_recursive: "MAJ:MIN Read N" lines and a
   final "Total N"; sum Read/Write over devices.  */
static void
blkio_sum (const char *buf, uint64_t *r, uint64_t *w)
{
  *r = *w = 0;
  for (const char *p = buf; p && *p; p = strchr (p, '\n'), p = p ? p + 1 : NULL)
    {
      char dev[32], op[16];
      unsigned long long v;
      if (sscanf (p, "%31s %15s %llu", dev, op, &v) != 3)
        continue;
      if (strcmp (op, "Read") == 0)
        *r += v;
      else if (strcmp (op, "Write") == 0)
        *w += v;
    }
}

void
cgroup_v1_read_stats_at (const v1_dirs_t *d, ct_stats_t *st, stats_cache_t *c, bool full)
{
  char buf[4096];
  uint64_t memsw;

  /* What moves every second is read every sample; peaks and the v1
     failcnt files (0 on 6.18 anyway; the OOM-kill count stands in) every
     10th when a sampler keeps the files open.  */
  st->cpu_ns = stats_read_u64 (c, 0, d->cpuacct, "cpuacct.usage");
  st->mem_current = stats_read_u64 (c, 1, d->memory, "memory.usage_in_bytes");
  st->mem_peak = stats_read_u64_slow (c, 2, d->memory, "memory.max_usage_in_bytes");
  st->mem_limit = stats_read_u64_slow (c, 3, d->memory, "memory.limit_in_bytes");
  /* v1 reads back "unlimited" as LONG_MAX rounded down to a page.  */
  if (st->mem_limit >= (1ULL << 62))
    st->mem_limit = STATS_NA;
  st->mem_failcnt = stats_read_u64_slow (c, 4, d->memory, "memory.failcnt");
  if (stats_read_evented (c, 5, STATS_EV_V1_OOM, d->memory, "memory.oom_control", buf, sizeof buf) > 0)
    st->oom_kills = stats_key (buf, "oom_kill");
  /* With no swap on the host nothing is swapped: memsw is plain usage.  */
  memsw = stats_host_swap (c) ? stats_read_u64 (c, 6, d->memory, "memory.memsw.usage_in_bytes") : st->mem_current;
  if (memsw != STATS_NA && st->mem_current != STATS_NA)
    st->swap_current = memsw > st->mem_current ? memsw - st->mem_current : 0;
  st->swap_failcnt = stats_read_u64_slow (c, 7, d->memory, "memory.memsw.failcnt");
  memsw = stats_read_u64_slow (c, 8, d->memory, "memory.memsw.limit_in_bytes");
  if (memsw < (1ULL << 62) && st->mem_limit != STATS_NA)
    st->swap_limit = memsw - st->mem_limit;
  /* With no swap allowed (memsw == limit) the kernel charges memsw first,
     so RAM failures land in memsw.failcnt: they are RAM failures.  */
  if (st->swap_limit == 0 && st->swap_failcnt != STATS_NA && st->mem_failcnt != STATS_NA)
    {
      st->mem_failcnt += st->swap_failcnt;
      st->swap_failcnt = 0;
    }
  /* Probed on 6.18: the v1 failcnt files stay 0 even while the limit
     OOM-kills, so the kill count is the kernel's only count of refusals.  */
  if (st->mem_failcnt == 0 && st->oom_kills != STATS_NA)
    st->mem_failcnt = st->oom_kills;
  /* A CT whose CPU time stood still ran no task: nothing forked, exited,
     failed to fork or submitted I/O, so these files are re-read only when
     cpuacct.usage moved (and every 10th sample).  Each of those is done in
     the CT's own tasks, charged to its cpuacct group in ns: a fork or an
     exit costs microseconds.  On v1 a bio is counted in blkio.throttle.*
     when a task submits it (writeback, done by kernel threads, is charged
     to the root group on v1); a loop device's worker submits the backing
     file's bio for the CT right after the CT's own bio, and one that lands
     in a later sample waits for the CT's next run or the 10th sample.  The
     v1 pids.events file is never signalled (probed on 6.18), so it cannot
     be evented as on v2.  */
  st->pids_current = stats_read_u64_keyed (c, 9, st->cpu_ns, d->pids, "pids.current");
  st->pids_peak = stats_read_u64_slow (c, 10, d->pids, "pids.peak");
  st->pids_max = stats_read_u64_slow (c, 11, d->pids, "pids.max");
  if (stats_read_keyed (c, 12, st->cpu_ns, d->pids, "pids.events", buf, sizeof buf) > 0)
    st->pids_failcnt = stats_key (buf, "max");
  if (stats_read_keyed (c, 13, st->cpu_ns, d->blkio, "blkio.throttle.io_service_bytes_recursive", buf, sizeof buf)
      > 0)
    blkio_sum (buf, &st->io_rbytes, &st->io_wbytes);
  if (stats_read_keyed (c, 14, st->io_rbytes + st->io_wbytes, d->blkio, "blkio.throttle.io_serviced_recursive", buf,
                        sizeof buf)
      > 0)
    blkio_sum (buf, &st->io_rios, &st->io_wios);
  if (!full)
    return;
  st->kmem_current = stats_read_u64 (c, 15, d->memory, "memory.kmem.usage_in_bytes");
  st->kmem_peak = stats_read_u64 (c, 16, d->memory, "memory.kmem.max_usage_in_bytes");
  st->kmem_failcnt = stats_read_u64 (c, 17, d->memory, "memory.kmem.failcnt");
  if (stats_read (c, 18, d->memory, "memory.stat", buf, sizeof buf) > 0)
    st->shmem = stats_key (buf, "total_shmem");
}

int
cgroup_v1_read_stats (const cgroup_t *cg, ct_stats_t *st, stats_cache_t *c, bool full)
{
  static const v1_dirs_t none;
  v1_dirs_t d;
  /* Once every file was opened (or found missing) the paths are not needed.  */
  if (c && c->warm && !full)
    {
      cgroup_v1_read_stats_at (&none, st, c, full);
      return 0;
    }
  cgroup_v1_dirs (cg, &d);
  cgroup_v1_read_stats_at (&d, st, c, full);
  if (c)
    c->warm = true;
  return 0;
}
