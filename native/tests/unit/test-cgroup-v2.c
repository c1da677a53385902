/* The cgroup v2 back-end run against a recorded cgroup2 layout in a temp
   dir: the files (and default contents) a 6.x kernel shows in the root, in
   CGROUP_PARENT and in a CT's directory with cpu, cpuset, io, memory and
   pids enabled.  This is how the v2 path is covered on a v1 machine.  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup-limits.h"
#include "stats-shared.h"
#include "tap.h"

static const char *const ct_files[][2] = {
  { "cgroup.controllers", "cpuset cpu io memory pids\n" }, { "cgroup.events", "populated 1\nfrozen 0\n" },
  { "cgroup.freeze", "0\n" }, { "cgroup.kill", "" }, { "cgroup.max.depth", "max\n" },
  { "cgroup.max.descendants", "max\n" }, { "cgroup.pressure", "1\n" }, { "cgroup.procs", "" },
  { "cgroup.stat", "nr_descendants 0\nnr_dying_descendants 0\n" }, { "cgroup.subtree_control", "" },
  { "cgroup.threads", "" }, { "cgroup.type", "domain\n" }, { "cpu.idle", "0\n" }, { "cpu.max", "max 100000\n" },
  { "cpu.max.burst", "0\n" }, { "cpu.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n" },
  { "cpu.stat", "usage_usec 2500\nuser_usec 2000\nsystem_usec 500\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\n" },
  { "cpu.weight", "100\n" }, { "cpu.weight.nice", "0\n" }, { "cpuset.cpus", "\n" },
  { "cpuset.cpus.effective", "0-3\n" }, { "cpuset.cpus.partition", "member\n" }, { "cpuset.mems", "\n" },
  { "cpuset.mems.effective", "0\n" }, { "io.bfq.weight", "default 100\n" }, { "io.latency", "" }, { "io.max", "" },
  { "io.pressure", "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n" }, { "io.prio.class", "no-change\n" },
  { "io.stat", "7:3 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n"
               "8:0 rbytes=100 wbytes=0 rios=1 wios=0 dbytes=0 dios=0\n" },
  { "io.weight", "default 100\n" }, { "memory.current", "1048576\n" },
  { "memory.events", "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n" },
  { "memory.events.local", "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n" },
  { "memory.high", "max\n" }, { "memory.low", "0\n" }, { "memory.max", "max\n" }, { "memory.min", "0\n" },
  { "memory.numa_stat", "" }, { "memory.oom.group", "0\n" }, { "memory.peak", "2097152\n" },
  { "memory.pressure", "" }, { "memory.reclaim", "" },
  { "memory.stat", "anon 4096\nfile 8192\nkernel 65536\nkernel_stack 16384\nshmem 8192\nsock 0\n"
                   "slab_reclaimable 4096\nslab_unreclaimable 2048\n" },
  { "memory.swap.current", "0\n" }, { "memory.swap.events", "high 0\nmax 0\nfail 3\n" },
  { "memory.swap.high", "max\n" }, { "memory.swap.max", "max\n" }, { "memory.swap.peak", "4096\n" },
  { "memory.zswap.current", "0\n" }, { "memory.zswap.max", "max\n" }, { "pids.current", "4\n" },
  { "pids.events", "max 5\n" }, { "pids.events.local", "max 5\n" }, { "pids.max", "max\n" }, { "pids.peak", "9\n" },
};

static const char *
get (const char *dir, const char *file)
{
  static char buf[512];
  char path[700];
  FILE *f;
  size_t n;
  snprintf (path, sizeof path, "%s/%s", dir, file);
  f = fopen (path, "r");
  if (f == NULL)
    return "(missing)";
  n = fread (buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  fclose (f);
  return buf;
}

static void
layout (const char *root, bool bfq)
{
  char parent[600], ct[600];
  snprintf (parent, sizeof parent, "%s/corral", root);
  snprintf (ct, sizeof ct, "%s/corral/101", root);
  mkdir (parent, 0755);
  mkdir (ct, 0755);
  tap_put (root, "cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc\n");
  tap_put (root, "cgroup.subtree_control", "memory\n");
  tap_put (parent, "cgroup.controllers", "cpuset cpu io memory pids\n");
  tap_put (parent, "cgroup.subtree_control", "");
  tap_put (parent, "cpu.weight", "100\n");
  for (size_t i = 0; i < sizeof ct_files / sizeof ct_files[0]; i++)
    tap_put (ct, ct_files[i][0], ct_files[i][1]);
  if (!bfq)
    {
      char p[700];
      snprintf (p, sizeof p, "%s/io.bfq.weight", ct);
      unlink (p);
    }
}

int
main (void)
{
  char root[] = "/tmp/corral-test-v2.XXXXXX", ct[600], parent[600], cmd[700];
  corral_error_t err;
  ct_limits_t l;

  setenv ("CORRAL_TEST_HOST_CPUS", "4", 1);
  ok (mkdtemp (root) != NULL, "temp cgroup2 root");
  snprintf (ct, sizeof ct, "%s/corral/101", root);
  snprintf (parent, sizeof parent, "%s/corral", root);
  layout (root, true);

  memset (&l, 0, sizeof l);
  l.mask = LIM_RAM | LIM_SWAP | LIM_NUMPROC | LIM_CPUUNITS | LIM_CPULIMIT | LIM_IOPRIO | LIM_IOLIMIT | LIM_CPUMASK;
  l.ram = 64 << 20;
  l.swap = 32 << 20;
  l.numproc = 50;
  l.cpuunits = 2000;
  l.cpulimit = 50;
  l.ioprio = 7;
  l.iolimit = 10 << 20;
  l.iopslimit = 0;
  strcpy (l.cpumask, "1-2");
  l.has_dev = true;
  l.dev_major = 7;
  l.dev_minor = 3;
  ok (cgroup_v2_apply_limits (root, "corral/101", &l, &err) == 0, "v2 apply to the recorded layout");
  ok (strcmp (get (root, "cgroup.subtree_control"), "+cpuset +cpu +io +pids") == 0
      || strcmp (get (root, "cgroup.subtree_control"), "+cpu +cpuset +io +pids") == 0,
      "root: the missing controllers enabled, memory (already on) and hugetlb left alone (got `%s`)",
      get (root, "cgroup.subtree_control"));
  ok (strcmp (get (parent, "cgroup.subtree_control"), "+cpu +cpuset +io +memory +pids") == 0,
      "CGROUP_PARENT: cpu cpuset io memory pids enabled for the CTs (got `%s`)",
      get (parent, "cgroup.subtree_control"));
  ok (strcmp (get (ct, "cgroup.subtree_control"), "") == 0, "nothing enabled inside the CT's own directory");
  ok (strcmp (get (parent, "cpu.weight"), "400") == 0, "the CT parent weighs one default CT per host CPU (4 CPUs: 400), got %s",
      get (parent, "cpu.weight"));
  ok (strcmp (get (ct, "memory.max"), "67108864") == 0, "memory.max = ram");
  ok (strcmp (get (ct, "memory.swap.max"), "33554432") == 0, "memory.swap.max = swap alone (not ram + swap)");
  ok (strcmp (get (ct, "pids.max"), "50") == 0, "pids.max = numproc");
  ok (strcmp (get (ct, "cpu.weight"), "200") == 0, "cpu.weight = cpuunits / 10");
  ok (strcmp (get (ct, "cpu.max"), "50000 100000") == 0, "cpu.max for cpulimit 50");
  ok (strcmp (get (ct, "cpuset.cpus"), "1-2") == 0, "cpuset.cpus = cpumask");
  ok (strcmp (get (ct, "io.bfq.weight"), "640") == 0, "io.bfq.weight = 640 for ioprio 7");
  ok (strcmp (get (ct, "io.weight"), "default 100\n") == 0, "io.weight untouched when BFQ is there");
  ok (strcmp (get (ct, "io.max"), "7:3 rbps=10485760 wbps=10485760 riops=max wiops=max") == 0,
      "io.max on the CT's loop device, 0 iops -> max (got `%s`)", get (ct, "io.max"));

  /* unlimited and removal */
  l.mask = LIM_RAM | LIM_SWAP | LIM_NUMPROC | LIM_CPULIMIT;
  l.ram = LIMITS_UNLIMITED;
  l.swap = LIMITS_UNLIMITED;
  l.numproc = LIMITS_UNLIMITED;
  l.cpulimit = 0;
  l.cpus = 0;
  l.cpumask[0] = '\0';
  ok (cgroup_v2_apply_limits (root, "corral/101", &l, &err) == 0, "v2 apply unlimited");
  ok (strcmp (get (ct, "memory.max"), "max") == 0 && strcmp (get (ct, "memory.swap.max"), "max") == 0
      && strcmp (get (ct, "pids.max"), "max") == 0 && strcmp (get (ct, "cpu.max"), "max 100000") == 0,
      "unlimited -> max in memory.max, memory.swap.max, pids.max, cpu.max");
  ok (strcmp (get (ct, "cpuset.cpus"), "0-3") == 0, "no cpus/cpumask -> every CPU");

  /* counters */
  {
    ct_stats_t st;
    stats_cache_t c;
    stats_init (&st);
    stats_cache_init (&c);
    cgroup_v2_read_stats_at (ct, &st, &c, true);
    ok (st.cpu_ns == 2500000, "cpu.stat usage_usec -> ns");
    ok (st.mem_current == 1048576 && st.mem_peak == 2097152, "memory.current and memory.peak");
    ok (st.mem_failcnt == 12 && st.oom_kills == 1, "memory.events max and oom_kill");
    ok (st.swap_peak == 4096 && st.swap_failcnt == 3, "memory.swap.peak and swap.events fail");
    ok (st.pids_current == 4 && st.pids_peak == 9 && st.pids_failcnt == 5 && st.pids_max == STATS_NA,
        "pids counters (max -> unlimited)");
    ok (st.io_rbytes == 4196 && st.io_wbytes == 8192 && st.io_rios == 2 && st.io_wios == 2, "io.stat summed over devices");
    ok (st.kmem_current == 65536 && st.shmem == 8192 && st.slab_reclaimable == 4096, "memory.stat kernel, shmem, slab");
    stats_cache_close (&c);
  }

  /* sampler: the process count only moves with the CT's CPU time */
  {
    ct_stats_t st;
    stats_cache_t c;
    stats_shared_t sh;
    stats_shared_open (&sh);
    stats_cache_init (&c);
    c.shared = &sh;
    c.ctid = 3; /* its every-10th re-read falls on samples 7, 17, ... */
    sh.sample = 1;
    cgroup_v2_read_stats_at (ct, &st, &c, false);
    tap_put (ct, "pids.current", "6\n");
    tap_put (ct, "memory.current", "2097152\n");
    sh.sample = 2;
    cgroup_v2_read_stats_at (ct, &st, &c, false);
    ok (st.pids_current == 4 && st.mem_current == 2097152, "sampler: usage_usec stood still, pids.current kept");
    tap_put (ct, "cpu.stat", "usage_usec 2501\n");
    sh.sample = 3;
    cgroup_v2_read_stats_at (ct, &st, &c, false);
    ok (st.pids_current == 6, "... and re-read once usage_usec moved");
    tap_put (ct, "pids.current", "5\n");
    sh.sample = 7;
    cgroup_v2_read_stats_at (ct, &st, &c, false);
    ok (st.pids_current == 5, "... and at the every-10th re-read (sample 7 for CTID 3)");
    stats_cache_close (&c);
    stats_shared_close (&sh);
  }

  /* no BFQ: io.weight with crun's conversion */
  snprintf (cmd, sizeof cmd, "rm -rf '%s/corral'", root);
  ok (system (cmd) == 0, "fresh layout");
  layout (root, false);
  l.mask = LIM_IOPRIO;
  l.ioprio = 4;
  ok (cgroup_v2_apply_limits (root, "corral/101", &l, &err) == 0, "v2 apply ioprio without BFQ");
  ok (strcmp (get (ct, "io.weight"), "default 4950") == 0, "io.weight default 4950 for ioprio 4 (got `%s`)",
      get (ct, "io.weight"));

  /* a missing controller file is a clear error */
  snprintf (cmd, sizeof cmd, "%s/pids.max", ct);
  unlink (cmd);
  l.mask = LIM_NUMPROC;
  l.numproc = 10;
  ok (cgroup_v2_apply_limits (root, "corral/101", &l, &err) < 0 && strstr (err.message, "pids.max"),
      "missing pids.max -> error naming it");

  snprintf (cmd, sizeof cmd, "rm -rf '%s'", root);
  ok (system (cmd) == 0, "temp layout removed");
  return tap_done ();
}
