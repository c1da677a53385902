#include "ct-limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"

static unsigned host_cpus_override;
static uint64_t host_ram_override;

unsigned
limits_host_cpus (void)
{
  const char *o = getenv ("CORRAL_TEST_HOST_CPUS");
  long n;
  if (host_cpus_override)
    return host_cpus_override;
  if (o && atoi (o) > 0)
    return host_cpus_override = (unsigned) atoi (o);
  n = sysconf (_SC_NPROCESSORS_ONLN);
  return host_cpus_override = n > 0 ? (unsigned) n : 1;
}

uint64_t
limits_host_ram (void)
{
  long pages = sysconf (_SC_PHYS_PAGES), page = sysconf (_SC_PAGESIZE);
  if (host_ram_override == 0)
    host_ram_override = pages > 0 && page > 0 ? (uint64_t) pages * (uint64_t) page : UINT64_MAX;
  return host_ram_override;
}

void
limits_from_config (const ct_config_t *ct, ct_limits_t *l)
{
  memset (l, 0, sizeof *l);
  if (ct->ram)
    {
      l->mask |= LIM_RAM | LIM_SWAP;
      l->ram = ct->ram;
      l->swap = ct->swap;
    }
  else if (ct->swap)
    {
      l->mask |= LIM_SWAP;
      l->ram = LIMITS_UNLIMITED;
      l->swap = ct->swap;
    }
  if (ct->numproc)
    l->mask |= LIM_NUMPROC, l->numproc = ct->numproc;
  if (ct->numpty)
    l->mask |= LIM_NUMPTY, l->numpty = ct->numpty;
  if (ct->cpuunits)
    l->mask |= LIM_CPUUNITS, l->cpuunits = ct->cpuunits;
  if (ct->cpulimit || ct->cpus)
    l->mask |= LIM_CPULIMIT, l->cpulimit = ct->cpulimit, l->cpus = ct->cpus;
  if (ct->cpumask[0])
    {
      l->mask |= LIM_CPUMASK;
      snprintf (l->cpumask, sizeof l->cpumask, "%s", ct->cpumask);
    }
  if (ct->ioprio >= 0)
    l->mask |= LIM_IOPRIO, l->ioprio = ct->ioprio;
  if (ct->iolimit || ct->iopslimit)
    l->mask |= LIM_IOLIMIT, l->iolimit = ct->iolimit, l->iopslimit = ct->iopslimit;
}

/* ---- conversions (Appendix A) ---- */

unsigned
limits_bfq_weight (int ioprio)
{
  static const unsigned table[8] = { 320, 365, 410, 460, 500, 550, 600, 640 };
  if (ioprio < 0)
    ioprio = 0;
  if (ioprio > 7)
    ioprio = 7;
  return table[ioprio];
}

unsigned
limits_io_weight (unsigned w)
{
  if (w < 10)
    w = 10;
  return 1 + (w - 10) * 9999 / 990;
}

uint64_t
limits_cpu_shares (unsigned units)
{
  uint64_t s = (uint64_t) units * 1024 / 1000;
  return s < 2 ? 2 : s > 262144 ? 262144 : s;
}

uint64_t
limits_cpu_weight (unsigned units)
{
  uint64_t w = units / 10;
  return w < 1 ? 1 : w > 10000 ? 10000 : w;
}

uint64_t
limits_parent_cpu_shares (unsigned host_cpus)
{
  return limits_cpu_shares (1000 * (host_cpus ? host_cpus : 1));
}

uint64_t
limits_parent_cpu_weight (unsigned host_cpus)
{
  return limits_cpu_weight (1000 * (host_cpus ? host_cpus : 1));
}

unsigned
limits_cpu_pct (unsigned cpulimit, unsigned cpus)
{
  if (cpus && (cpulimit == 0 || cpulimit > cpus * 100))
    return cpus * 100;
  return cpulimit;
}

int64_t
limits_cfs_quota (unsigned cpulimit, unsigned cpus, unsigned period)
{
  unsigned pct = limits_cpu_pct (cpulimit, cpus);
  int64_t q;
  if (pct == 0)
    return -1;
  q = (int64_t) period * pct / 100;
  /* The kernel refuses quotas under 1 ms (EINVAL).  */
  return q < 1000 ? 1000 : q;
}

uint64_t
limits_memsw (uint64_t ram, uint64_t swap)
{
  if (ram == LIMITS_UNLIMITED || swap == LIMITS_UNLIMITED || ram + swap < ram)
    return LIMITS_UNLIMITED;
  return ram + swap;
}

/* ---- plans ---- */

static void
add (limits_write_t *out, size_t *n, const char *ctrl, const char *file, const char *fmt, ...)
  __attribute__ ((format (printf, 5, 6)));

#include <stdarg.h>
static void
add (limits_write_t *out, size_t *n, const char *ctrl, const char *file, const char *fmt, ...)
{
  va_list ap;
  if (*n >= LIMITS_MAX_WRITES)
    return;
  out[*n].ctrl = ctrl;
  out[*n].file = file;
  va_start (ap, fmt);
  vsnprintf (out[*n].value, sizeof out[*n].value, fmt, ap);
  va_end (ap);
  (*n)++;
}

/* "all" or "" -> 0-(N-1); cpus without a mask -> the first N CPUs, so
   nproc inside shows the CT's share (the cfs quota alone does not).  */
static void
cpuset_value (const ct_limits_t *l, char *buf, size_t size)
{
  unsigned host = limits_host_cpus ();
  if (l->cpumask[0] && strcmp (l->cpumask, "all") != 0)
    snprintf (buf, size, "%s", l->cpumask);
  else if ((l->mask & LIM_CPULIMIT) && l->cpus && l->cpus < host)
    snprintf (buf, size, l->cpus == 1 ? "0" : "0-%u", l->cpus - 1);
  else
    snprintf (buf, size, host == 1 ? "0" : "0-%u", host - 1);
}

static bool
wants_cpuset (const ct_limits_t *l)
{
  return (l->mask & LIM_CPUMASK) || ((l->mask & LIM_CPULIMIT) && !(l->cpumask[0]));
}

int
limits_plan_v1 (const ct_limits_t *l, uint64_t cur_memsw, bool have_memsw, bool have_bfq, limits_write_t *out,
                size_t *n)
{
  char buf[128];

  *n = 0;
  if (l->mask & (LIM_RAM | LIM_SWAP))
    {
      uint64_t memsw = limits_memsw (l->ram, l->mask & LIM_SWAP ? l->swap : 0);
      char lim[32], sw[32];
      snprintf (lim, sizeof lim, "%lld", l->ram == LIMITS_UNLIMITED ? -1LL : (long long) l->ram);
      snprintf (sw, sizeof sw, "%lld", memsw == LIMITS_UNLIMITED ? -1LL : (long long) memsw);
      /* memsw >= limit must hold after each write: raise memsw before the
         limit when the new limit exceeds today's memsw, else lower the
         limit first (libvzctl's order).  */
      if (have_memsw && (l->ram == LIMITS_UNLIMITED || l->ram > cur_memsw))
        {
          add (out, n, "memory", "memory.memsw.limit_in_bytes", "%s", sw);
          add (out, n, "memory", "memory.limit_in_bytes", "%s", lim);
        }
      else
        {
          add (out, n, "memory", "memory.limit_in_bytes", "%s", lim);
          if (have_memsw)
            add (out, n, "memory", "memory.memsw.limit_in_bytes", "%s", sw);
        }
    }
  if (l->mask & LIM_NUMPROC)
    {
      if (l->numproc == LIMITS_UNLIMITED)
        add (out, n, "pids", "pids.max", "max");
      else
        add (out, n, "pids", "pids.max", "%llu", (unsigned long long) l->numproc);
    }
  if (l->mask & LIM_CPUUNITS)
    add (out, n, "cpu", "cpu.shares", "%llu", (unsigned long long) limits_cpu_shares (l->cpuunits));
  if (l->mask & LIM_CPULIMIT)
    {
      add (out, n, "cpu", "cpu.cfs_period_us", "%u", LIMITS_CFS_PERIOD);
      add (out, n, "cpu", "cpu.cfs_quota_us", "%lld",
           (long long) limits_cfs_quota (l->cpulimit, l->cpus, LIMITS_CFS_PERIOD));
    }
  if (wants_cpuset (l))
    {
      cpuset_value (l, buf, sizeof buf);
      add (out, n, "cpuset", "cpuset.cpus", "%s", buf);
    }
  /* Without BFQ, v1 has no I/O weight at all (CFQ's blkio.weight left
     with 5.0): the value is kept in the config and does nothing.  */
  if ((l->mask & LIM_IOPRIO) && have_bfq)
    add (out, n, "blkio", "blkio.bfq.weight", "%u", limits_bfq_weight (l->ioprio));
  if ((l->mask & LIM_IOLIMIT) && l->has_dev)
    {
      /* v1 removes a rule when the value is 0.  */
      add (out, n, "blkio", "blkio.throttle.read_bps_device", "%u:%u %llu", l->dev_major, l->dev_minor,
           (unsigned long long) l->iolimit);
      add (out, n, "blkio", "blkio.throttle.write_bps_device", "%u:%u %llu", l->dev_major, l->dev_minor,
           (unsigned long long) l->iolimit);
      add (out, n, "blkio", "blkio.throttle.read_iops_device", "%u:%u %llu", l->dev_major, l->dev_minor,
           (unsigned long long) l->iopslimit);
      add (out, n, "blkio", "blkio.throttle.write_iops_device", "%u:%u %llu", l->dev_major, l->dev_minor,
           (unsigned long long) l->iopslimit);
    }
  return 0;
}

static void
max_or (char *buf, size_t size, uint64_t v, bool zero_is_max)
{
  if (v == LIMITS_UNLIMITED || (zero_is_max && v == 0))
    snprintf (buf, size, "max");
  else
    snprintf (buf, size, "%llu", (unsigned long long) v);
}

int
limits_plan_v2 (const ct_limits_t *l, bool have_bfq, limits_write_t *out, size_t *n)
{
  char a[32], b[32];

  *n = 0;
  if (l->mask & (LIM_RAM | LIM_SWAP))
    {
      /* v2 limits swap on its own, so the two files are independent.  */
      max_or (a, sizeof a, l->ram, false);
      add (out, n, "memory", "memory.max", "%s", a);
      max_or (b, sizeof b, l->mask & LIM_SWAP ? l->swap : 0, false);
      add (out, n, "memory", "memory.swap.max", "%s", b);
    }
  if (l->mask & LIM_NUMPROC)
    {
      max_or (a, sizeof a, l->numproc, false);
      add (out, n, "pids", "pids.max", "%s", a);
    }
  if (l->mask & LIM_CPUUNITS)
    add (out, n, "cpu", "cpu.weight", "%llu", (unsigned long long) limits_cpu_weight (l->cpuunits));
  if (l->mask & LIM_CPULIMIT)
    {
      int64_t q = limits_cfs_quota (l->cpulimit, l->cpus, LIMITS_CFS_PERIOD);
      if (q < 0)
        add (out, n, "cpu", "cpu.max", "max %u", LIMITS_CFS_PERIOD);
      else
        add (out, n, "cpu", "cpu.max", "%lld %u", (long long) q, LIMITS_CFS_PERIOD);
    }
  if (wants_cpuset (l))
    {
      char buf[128];
      cpuset_value (l, buf, sizeof buf);
      add (out, n, "cpuset", "cpuset.cpus", "%s", buf);
    }
  if (l->mask & LIM_IOPRIO)
    {
      unsigned w = limits_bfq_weight (l->ioprio);
      if (have_bfq)
        add (out, n, "io", "io.bfq.weight", "%u", w);
      else
        add (out, n, "io", "io.weight", "default %u", limits_io_weight (w));
    }
  if ((l->mask & LIM_IOLIMIT) && l->has_dev)
    {
      char r[32], w[32];
      max_or (a, sizeof a, l->iolimit, true);
      max_or (b, sizeof b, l->iolimit, true);
      max_or (r, sizeof r, l->iopslimit, true);
      max_or (w, sizeof w, l->iopslimit, true);
      add (out, n, "io", "io.max", "%u:%u rbps=%s wbps=%s riops=%s wiops=%s", l->dev_major, l->dev_minor, a, b, r,
           w);
    }
  return 0;
}
