/* Limit conversions (openvz-model Appendix A), the values `set` accepts,
   and the v1 plan and back-end run against a temp dir per controller.  */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup-limits.h"
#include "ct-config.h"
#include "ct-limits.h"
#include "tap.h"

static const char *
find (const limits_write_t *p, size_t n, const char *file)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp (p[i].file, file) == 0)
      return p[i].value;
  return NULL;
}

static int
index_of (const limits_write_t *p, size_t n, const char *file)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp (p[i].file, file) == 0)
      return (int) i;
  return -1;
}

static const char *
get (const char *dir, const char *file)
{
  static char buf[256];
  char path[600];
  FILE *f;
  size_t n;
  snprintf (path, sizeof path, "%s/%s", dir, file);
  f = fopen (path, "r");
  if (f == NULL)
    return "";
  n = fread (buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  fclose (f);
  return buf;
}

int
main (void)
{
  corral_error_t err;
  limits_write_t plan[LIMITS_MAX_WRITES];
  size_t n;
  ct_limits_t l;
  uint64_t v;
  unsigned u;
  int prio;
  char mask[64];

  setenv ("CORRAL_TEST_HOST_CPUS", "4", 1);

  /* conversions */
  ok (limits_cpu_shares (1000) == 1024, "cpuunits 1000 -> cpu.shares 1024");
  ok (limits_cpu_shares (8) == 8, "cpuunits 8 -> cpu.shares 8");
  ok (limits_cpu_shares (500000) == 262144, "cpuunits 500000 -> cpu.shares clamped to 262144");
  ok (limits_cpu_weight (1000) == 100, "cpuunits 1000 -> cpu.weight 100");
  ok (limits_parent_cpu_shares (2) == 2048, "CT parent on 2 CPUs: cpu.shares 2048 (one default CT per CPU)");
  ok (limits_parent_cpu_shares (0) == 1024, "CT parent with an unknown CPU count: cpu.shares 1024");
  ok (limits_parent_cpu_shares (512) == 262144, "CT parent on 512 CPUs: cpu.shares clamped to 262144");
  ok (limits_parent_cpu_weight (2) == 200, "CT parent on 2 CPUs: cpu.weight 200");
  ok (limits_parent_cpu_weight (256) == 10000, "CT parent on 256 CPUs: cpu.weight clamped to 10000");
  ok (limits_cpu_weight (8) == 1, "cpuunits 8 -> cpu.weight 1 (not 0)");
  ok (limits_cpu_weight (500000) == 10000, "cpuunits 500000 -> cpu.weight 10000");
  ok (limits_bfq_weight (0) == 320 && limits_bfq_weight (4) == 500 && limits_bfq_weight (7) == 640,
      "ioprio 0/4/7 -> bfq weight 320/500/640 (OpenVZ table)");
  ok (limits_io_weight (320) == 3132 && limits_io_weight (500) == 4950 && limits_io_weight (640) == 6364,
      "bfq weight -> io.weight 3132/4950/6364 (crun's linear map)");
  ok (limits_cfs_quota (50, 0, 100000) == 50000, "cpulimit 50 -> quota 50000 of 100000");
  ok (limits_cfs_quota (0, 0, 100000) == -1, "cpulimit 0 -> no quota");
  ok (limits_cfs_quota (300, 2, 100000) == 200000, "cpulimit 300 with cpus 2 -> min(300, 200)%%");
  ok (limits_cfs_quota (0, 1, 100000) == 100000, "cpus 1 alone -> 100%%");
  ok (limits_cfs_quota (0, 0, 100000) == -1 && limits_cfs_quota (1, 0, 10000) == 1000,
      "a quota below 1 ms is raised to the kernel's minimum");
  ok (limits_memsw (64 << 20, 32 << 20) == 96 << 20, "memsw = ram + swap");
  ok (limits_memsw (LIMITS_UNLIMITED, 1) == LIMITS_UNLIMITED, "memsw unlimited when ram is");

  /* parsing: bad input names the value */
  ok (limits_parse_ram ("--ram", "12Q", &v, &err) < 0 && strstr (err.message, "`12Q`")
      && strcmp (err.code, "bad_value") == 0, "--ram 12Q refused, naming the value");
  ok (limits_parse_ram ("--ram", "-64M", &v, &err) < 0 && strstr (err.message, "negative"), "--ram -64M refused");
  ok (limits_parse_ram ("--ram", "1M", &v, &err) < 0, "--ram 1M refused (too small to boot)");
  ok (limits_parse_ram ("--ram", "999999T", &v, &err) < 0 && strstr (err.message, "999999T"),
      "--ram 999999T refused as absurd");
  ok (limits_parse_ram ("--ram", "64M", &v, &err) == 0 && v == 64 << 20, "--ram 64M = 67108864");
  ok (limits_parse_ram ("--ram", "unlimited", &v, &err) == 0 && v == LIMITS_UNLIMITED, "--ram unlimited");
  ok (limits_parse_ram ("--swap", "0", &v, &err) == 0 && v == 0, "--swap 0 accepted");
  ok (limits_parse_cpulimit ("0.5", &u, &err) < 0 && strstr (err.message, "`0.5`"), "--cpulimit 0.5 refused");
  ok (limits_parse_cpulimit ("50", &u, &err) == 0 && u == 50, "--cpulimit 50");
  ok (limits_parse_cpulimit ("50%", &u, &err) == 0 && u == 50, "--cpulimit 50%% (vzctl's suffix)");
  ok (limits_parse_cpulimit ("401", &u, &err) < 0, "--cpulimit 401 refused on 4 CPUs");
  ok (limits_parse_cpulimit ("-5", &u, &err) < 0, "--cpulimit -5 refused");
  ok (limits_parse_cpuunits ("7", &u, &err) < 0 && limits_parse_cpuunits ("500001", &u, &err) < 0,
      "--cpuunits outside 8..500000 refused");
  ok (limits_parse_cpus ("5", &u, &err) < 0 && limits_parse_cpus ("2", &u, &err) == 0 && u == 2,
      "--cpus bounded by the node's CPUs");
  ok (limits_parse_cpumask ("0-2,3", mask, sizeof mask, &err) == 0 && strcmp (mask, "0-2,3") == 0,
      "--cpumask 0-2,3");
  ok (limits_parse_cpumask ("0-9", mask, sizeof mask, &err) < 0 && strstr (err.message, "CPU 9"),
      "--cpumask naming a missing CPU refused");
  ok (limits_parse_cpumask ("2-1", mask, sizeof mask, &err) < 0 && limits_parse_cpumask ("a", mask, sizeof mask, &err) < 0,
      "--cpumask garbage refused");
  ok (limits_parse_ioprio ("8", &prio, &err) < 0 && limits_parse_ioprio ("7", &prio, &err) == 0 && prio == 7,
      "--ioprio 0..7");
  ok (limits_parse_iolimit ("10M", &v, &err) == 0 && v == 10 << 20, "--iolimit 10M = bytes/s");
  ok (limits_parse_iolimit ("3G", &v, &err) < 0, "--iolimit above 2G refused");
  ok (limits_parse_count ("--numproc", "100", 4194304, &v, &err) == 0 && v == 100, "--numproc 100");
  ok (limits_parse_count ("--numproc", "100:100", 4194304, &v, &err) == 0 && v == 100, "--numproc 100:100");
  ok (limits_parse_count ("--numproc", "100:200", 4194304, &v, &err) < 0, "--numproc barrier != limit refused");
  ok (limits_parse_count ("--numproc", "0", 4194304, &v, &err) < 0, "--numproc 0 refused");
  ok (limits_parse_count ("--numproc", "-1", 4194304, &v, &err) < 0, "--numproc -1 refused");
  ok (limits_parse_diskspace ("1G", &v, &err) == 0 && v == 1 << 30, "--diskspace 1G");
  ok (limits_parse_diskspace ("1G:2G", &v, &err) == 0 && v == 2ull << 30, "--diskspace soft:hard takes hard");
  ok (limits_parse_diskspace ("1M", &v, &err) < 0, "--diskspace 1M refused (too small for ext4)");
  ok (limits_parse_diskinodes ("100", &v, &err) < 0 && limits_parse_diskinodes ("200000", &v, &err) == 0,
      "--diskinodes bounds");

  /* v1 plan: memsw ordering */
  memset (&l, 0, sizeof l);
  l.mask = LIM_RAM | LIM_SWAP;
  l.ram = 256 << 20;
  l.swap = 128 << 20;
  limits_plan_v1 (&l, 64 << 20, true, true, plan, &n);
  ok (index_of (plan, n, "memory.memsw.limit_in_bytes") < index_of (plan, n, "memory.limit_in_bytes"),
      "v1 growing RAM: memsw written before the limit");
  ok (strcmp (find (plan, n, "memory.memsw.limit_in_bytes"), "402653184") == 0, "v1 memsw = ram + swap (384M)");
  limits_plan_v1 (&l, 1ull << 40, true, true, plan, &n);
  ok (index_of (plan, n, "memory.limit_in_bytes") < index_of (plan, n, "memory.memsw.limit_in_bytes"),
      "v1 shrinking RAM: the limit written before memsw");
  limits_plan_v1 (&l, 0, false, true, plan, &n);
  ok (n == 1 && strcmp (plan[0].file, "memory.limit_in_bytes") == 0, "v1 without swap accounting: limit only");
  l.ram = LIMITS_UNLIMITED;
  limits_plan_v1 (&l, 64 << 20, true, true, plan, &n);
  ok (strcmp (find (plan, n, "memory.limit_in_bytes"), "-1") == 0
      && strcmp (find (plan, n, "memory.memsw.limit_in_bytes"), "-1") == 0, "v1 unlimited RAM -> -1");

  memset (&l, 0, sizeof l);
  l.mask = LIM_NUMPROC | LIM_CPUUNITS | LIM_CPULIMIT | LIM_IOPRIO | LIM_IOLIMIT;
  l.numproc = 64;
  l.cpuunits = 500;
  l.cpulimit = 50;
  l.ioprio = 6;
  l.iolimit = 1048576;
  l.iopslimit = 100;
  l.has_dev = true;
  l.dev_major = 7;
  l.dev_minor = 3;
  limits_plan_v1 (&l, 0, true, true, plan, &n);
  ok (strcmp (find (plan, n, "pids.max"), "64") == 0, "v1 pids.max = numproc");
  ok (strcmp (find (plan, n, "cpu.shares"), "512") == 0, "v1 cpu.shares 512 for cpuunits 500");
  ok (strcmp (find (plan, n, "cpu.cfs_quota_us"), "50000") == 0 && strcmp (find (plan, n, "cpu.cfs_period_us"), "100000") == 0,
      "v1 cfs quota/period for cpulimit 50");
  ok (strcmp (find (plan, n, "cpuset.cpus"), "0-3") == 0, "v1 cpulimit without cpus keeps every CPU in the cpuset");
  ok (strcmp (find (plan, n, "blkio.bfq.weight"), "600") == 0, "v1 blkio.bfq.weight 600 for ioprio 6");
  ok (strcmp (find (plan, n, "blkio.throttle.read_bps_device"), "7:3 1048576") == 0
      && strcmp (find (plan, n, "blkio.throttle.write_iops_device"), "7:3 100") == 0,
      "v1 throttle on the CT's own loop device 7:3");
  l.has_dev = false;
  limits_plan_v1 (&l, 0, true, true, plan, &n);
  ok (find (plan, n, "blkio.throttle.read_bps_device") == NULL, "no device, no throttle rule");
  limits_plan_v1 (&l, 0, true, false, plan, &n);
  ok (find (plan, n, "blkio.bfq.weight") == NULL && strcmp (find (plan, n, "pids.max"), "64") == 0,
      "v1 without BFQ: no weight file is written, the rest still is");
  memset (&l, 0, sizeof l);
  l.mask = LIM_CPULIMIT;
  l.cpus = 2;
  limits_plan_v1 (&l, 0, true, true, plan, &n);
  ok (strcmp (find (plan, n, "cpuset.cpus"), "0-1") == 0 && strcmp (find (plan, n, "cpu.cfs_quota_us"), "200000") == 0,
      "v1 cpus 2 -> cpuset 0-1 and a 200%% quota");

  /* v1 back-end against a temp dir per controller */
  {
    char base[] = "/tmp/corral-test-v1.XXXXXX", dirs[6][480];
    v1_dirs_t d;
    static const char *const ctrls[] = { "memory", "cpu", "cpuacct", "cpuset", "blkio", "pids" };
    ok (mkdtemp (base) != NULL, "temp v1 layout");
    for (int i = 0; i < 6; i++)
      {
        snprintf (dirs[i], sizeof dirs[i], "%s/%s", base, ctrls[i]);
        mkdir (dirs[i], 0755);
      }
    snprintf (d.memory, sizeof d.memory, "%s", dirs[0]);
    snprintf (d.cpu, sizeof d.cpu, "%s", dirs[1]);
    snprintf (d.cpuacct, sizeof d.cpuacct, "%s", dirs[2]);
    snprintf (d.cpuset, sizeof d.cpuset, "%s", dirs[3]);
    snprintf (d.blkio, sizeof d.blkio, "%s", dirs[4]);
    snprintf (d.pids, sizeof d.pids, "%s", dirs[5]);
    tap_put (d.memory, "memory.limit_in_bytes", "9223372036854771712\n");
    tap_put (d.memory, "memory.memsw.limit_in_bytes", "9223372036854771712\n");
    tap_put (d.cpu, "cpu.shares", "1024\n");
    tap_put (d.cpu, "cpu.cfs_period_us", "100000\n");
    tap_put (d.cpu, "cpu.cfs_quota_us", "-1\n");
    tap_put (d.cpuset, "cpuset.cpus", "0-3\n");
    tap_put (d.pids, "pids.max", "max\n");
    memset (&l, 0, sizeof l);
    l.mask = LIM_RAM | LIM_SWAP | LIM_NUMPROC | LIM_CPUUNITS | LIM_CPULIMIT;
    l.ram = 64 << 20;
    l.numproc = 20;
    l.cpuunits = 2000;
    l.cpulimit = 25;
    ok (cgroup_v1_apply_limits (&d, &l, &err) == 0, "v1 apply to the temp layout");
    ok (strcmp (get (d.memory, "memory.limit_in_bytes"), "67108864") == 0, "v1 memory.limit_in_bytes read back");
    ok (strcmp (get (d.memory, "memory.memsw.limit_in_bytes"), "67108864") == 0,
        "v1 memsw read back (no swap: = ram)");
    ok (strcmp (get (d.pids, "pids.max"), "20") == 0, "v1 pids.max read back");
    ok (strcmp (get (d.cpu, "cpu.shares"), "2048") == 0, "v1 cpu.shares read back");
    ok (strcmp (get (d.cpu, "cpu.cfs_quota_us"), "25000") == 0, "v1 cpu.cfs_quota_us read back");
    l.mask = LIM_IOPRIO;
    l.ioprio = 0;
    d.blkio[0] = '\0';
    ok (cgroup_v1_apply_limits (&d, &l, &err) < 0 && strstr (err.message, "blkio"),
        "v1 without a blkio hierarchy: a clear error");

    /* counters */
    tap_put (d.memory, "memory.usage_in_bytes", "1000\n");
    tap_put (d.memory, "memory.max_usage_in_bytes", "5000\n");
    tap_put (d.memory, "memory.failcnt", "7\n");
    tap_put (d.memory, "memory.memsw.usage_in_bytes", "1500\n");
    tap_put (d.memory, "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
    tap_put (d.pids, "pids.current", "3\n");
    tap_put (d.pids, "pids.events", "max 4\n");
    tap_put (d.cpuacct, "cpuacct.usage", "123456789\n");
    {
      ct_stats_t st;
      stats_cache_t c;
      stats_init (&st);
      stats_cache_init (&c);
      cgroup_v1_read_stats_at (&d, &st, &c, false);
      ok (st.mem_current == 1000 && st.mem_peak == 5000 && st.mem_failcnt == 7 && st.oom_kills == 2,
          "v1 memory counters");
      ok (st.swap_current == 500, "v1 swap = memsw usage - usage");
      ok (st.pids_current == 3 && st.pids_failcnt == 4 && st.pids_max == 20, "v1 pids counters");
      ok (st.cpu_ns == 123456789, "v1 cpuacct.usage");
      ok (st.io_rbytes == STATS_NA, "v1 missing blkio files -> null, not 0");
      tap_put (d.pids, "pids.current", "9\n");
      cgroup_v1_read_stats_at (&d, &st, &c, false);
      ok (st.pids_current == 9, "a kept-open file re-read at offset 0 sees the new value");
      stats_cache_close (&c);
    }
    {
      char cmd[700];
      snprintf (cmd, sizeof cmd, "rm -rf '%s'", base);
      ok (system (cmd) == 0, "temp layout removed");
    }
  }

  /* the CT config keeps every resource key */
  {
    char root[] = "/tmp/corral-test-conf.XXXXXX";
    node_config_t node;
    ct_config_t ct, back;
    memset (&node, 0, sizeof node);
    ok (mkdtemp (root) != NULL, "temp conf dir");
    snprintf (node.conf_dir, sizeof node.conf_dir, "%s", root);
    ct_config_init (&ct, 101);
    ct.ram = 64 << 20;
    ct.numproc = 100;
    ct.numpty = UINT64_MAX;
    ct.cpuunits = 2000;
    ct.cpulimit = 50;
    ct.cpus = 1;
    strcpy (ct.cpumask, "0");
    ct.ioprio = 0;
    ct.iolimit = 1 << 20;
    ct.iopslimit = 300;
    ct.diskinodes = 50000;
    ok (ct_config_save (&node, &ct, &err) == 0, "save a config with limits");
    ok (ct_config_load (&node, 101, &back, &err) == 0, "load it back");
    ok (back.ram == ct.ram && back.numproc == 100 && back.numpty == UINT64_MAX && back.cpuunits == 2000
        && back.cpulimit == 50 && back.cpus == 1 && strcmp (back.cpumask, "0") == 0 && back.ioprio == 0
        && back.iolimit == 1 << 20 && back.iopslimit == 300 && back.diskinodes == 50000,
        "every limit survives the round trip (ioprio 0 included)");
    ct_config_init (&back, 101);
    ok (back.ioprio == -1, "ioprio unset is -1, not 0");
    {
      char cmd[700];
      snprintf (cmd, sizeof cmd, "rm -rf '%s'", root);
      ok (system (cmd) == 0, "temp conf removed");
    }
  }
  return tap_done ();
}
