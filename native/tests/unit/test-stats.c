/* The sampler's shortcuts (stats.c, stats-shared.c) against a temp dir
   layout and the loopback link: a file the kernel cannot signal is read
   every sample, a keyed file only when its key moved (and every 10th
   sample; what only the CT's tasks move is keyed on its CPU time), no
   swap on the host means swap 0 without a read, and both ways of reading
   link counters (one dump, one request per CT link) agree with sysfs.  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup-limits.h"
#include "stats-shared.h"
#include "stats.h"
#include "tap.h"

static uint64_t
sysfs_lo (const char *file)
{
  char path[128], buf[64] = "";
  FILE *f;
  snprintf (path, sizeof path, "/sys/class/net/lo/statistics/%s", file);
  f = fopen (path, "r");
  if (f == NULL)
    return 0;
  if (fgets (buf, sizeof buf, f) == NULL)
    buf[0] = '\0';
  fclose (f);
  return strtoull (buf, NULL, 10);
}

/* Loopback's counters through the sampler, the dump or the per-link way.  */
static bool
lo_counters (bool dump, uint64_t *rx_packets)
{
  stats_shared_t sh;
  stats_cache_t c, *list[1] = { &c };
  node_config_t node;
  const stats_link_t *l;

  memset (&node, 0, sizeof node);
  strcpy (node.veth_prefix, "none");
  stats_shared_open (&sh);
  stats_cache_init (&c);
  c.shared = &sh;
  c.ctid = 1;
  c.ifindex = 1; /* lo */
  if (!dump)
    {
      /* A node whose links are mostly not the CTs': ask per link.  */
      sh.sample = sh.dumped_at = 1;
      sh.node_links = 1000;
    }
  stats_shared_begin (&sh, &node, list, 1);
  l = sh.links_ok ? stats_shared_link (&sh, 1, &c.link_hint) : NULL;
  *rx_packets = l ? l->rx_packets : 0;
  bool one = dump ? sh.nlinks >= 1 : sh.nlinks == 1;
  stats_cache_close (&c);
  stats_shared_close (&sh);
  return l != NULL && one;
}

/* A cache as the sampler keeps one, for CTID 3: its every-10th re-read
   falls on samples 7, 17, ...  */
static void
sampler_cache (stats_cache_t *c, stats_shared_t *sh)
{
  stats_cache_init (c);
  c->shared = sh;
  c->ctid = 3;
}

int
main (void)
{
  char base[] = "/tmp/corral-test-stats.XXXXXX";
  v1_dirs_t d;
  stats_shared_t sh;

  if (mkdtemp (base) == NULL)
    return 1;
  snprintf (d.memory, sizeof d.memory, "%s/memory", base);
  snprintf (d.cpuacct, sizeof d.cpuacct, "%s/cpuacct", base);
  snprintf (d.pids, sizeof d.pids, "%s/pids", base);
  snprintf (d.blkio, sizeof d.blkio, "%s/blkio", base);
  d.cpu[0] = d.cpuset[0] = '\0';
  mkdir (d.memory, 0755);
  mkdir (d.cpuacct, 0755);
  mkdir (d.pids, 0755);
  mkdir (d.blkio, 0755);
  tap_put (d.memory, "memory.usage_in_bytes", "1000\n");
  tap_put (d.memory, "memory.memsw.usage_in_bytes", "1500\n");
  tap_put (d.memory, "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
  tap_put (d.pids, "pids.events", "max 4\n");
  tap_put (d.blkio, "blkio.throttle.io_service_bytes_recursive", "8:0 Read 100\n8:0 Write 50\nTotal 150\n");
  tap_put (d.blkio, "blkio.throttle.io_serviced_recursive", "8:0 Read 1\n8:0 Write 2\nTotal 3\n");

  stats_shared_open (&sh);
  {
    stats_cache_t c;
    ct_stats_t st;
    sampler_cache (&c, &sh);

    sh.sample = 1;
    cgroup_v1_read_stats_at (&d, &st, &c, false);
    ok (st.oom_kills == 2 && st.pids_failcnt == 4 && st.io_rbytes == 100 && st.io_wios == 2,
        "sampler: first sample reads every file");
    ok (st.swap_current == 500, "host with swap: swap = memsw usage - usage");

    /* A regular file cannot be polled and its dir has no
       cgroup.event_control: the kernel cannot signal it, so it is read
       every sample.  */
    tap_put (d.memory, "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
    tap_put (d.blkio, "blkio.throttle.io_serviced_recursive", "8:0 Read 9\n8:0 Write 9\nTotal 18\n");
    sh.sample = 2;
    cgroup_v1_read_stats_at (&d, &st, &c, false);
    ok (st.oom_kills == 3, "an evented file the kernel cannot signal is read every sample");
    ok (st.io_rios == 1 && st.io_wios == 2, "I/O operations not re-read while I/O bytes stand still");

    tap_put (d.blkio, "blkio.throttle.io_service_bytes_recursive", "8:0 Read 200\n8:0 Write 50\nTotal 250\n");
    sh.sample = 3;
    cgroup_v1_read_stats_at (&d, &st, &c, false);
    ok (st.io_rbytes == 200 && st.io_rios == 9 && st.io_wios == 9, "... and re-read when the bytes moved");

    tap_put (d.blkio, "blkio.throttle.io_serviced_recursive", "8:0 Read 10\n8:0 Write 10\nTotal 20\n");
    sh.sample = 6;
    cgroup_v1_read_stats_at (&d, &st, &c, false);
    ok (st.io_rios == 9, "an unmoved key keeps the last content (sample 6)");
    sh.sample = 7;
    cgroup_v1_read_stats_at (&d, &st, &c, false);
    ok (st.io_rios == 10 && st.io_wios == 10, "... until the every-10th re-read (sample 7 for CTID 3)");

    sh.host_swap = false;
    sh.sample = 8;
    cgroup_v1_read_stats_at (&d, &st, &c, false);
    ok (st.swap_current == 0, "no swap on the host: swap 0 without reading memsw");
    stats_cache_close (&c);
  }
  {
    /* With CPU time to key on: what only the CT's own tasks move
       (processes, fork failures, v1 I/O bytes) is re-read when
       cpuacct.usage moved.  */
    stats_cache_t c;
    ct_stats_t st;
    sampler_cache (&c, &sh);
    tap_put (d.cpuacct, "cpuacct.usage", "5000\n");
    tap_put (d.pids, "pids.current", "2\n");
    sh.sample = 1;
    cgroup_v1_read_stats_at (&d, &st, &c, false);
    ok (st.cpu_ns == 5000 && st.pids_current == 2 && st.pids_failcnt == 4 && st.io_rbytes == 200,
        "keyed on CPU: first sample reads every file");

    tap_put (d.pids, "pids.current", "7\n");
    tap_put (d.pids, "pids.events", "max 5\n");
    tap_put (d.blkio, "blkio.throttle.io_service_bytes_recursive", "8:0 Read 300\n8:0 Write 60\nTotal 360\n");
    tap_put (d.memory, "memory.usage_in_bytes", "2000\n");
    sh.sample = 2;
    cgroup_v1_read_stats_at (&d, &st, &c, false);
    ok (st.pids_current == 2 && st.pids_failcnt == 4 && st.io_rbytes == 200 && st.io_wbytes == 50,
        "CPU time stood still: processes, fork failures and I/O bytes kept");
    ok (st.mem_current == 2000, "... while memory (reclaim needs no CT task) is read every sample");

    tap_put (d.cpuacct, "cpuacct.usage", "5001\n");
    sh.sample = 3;
    cgroup_v1_read_stats_at (&d, &st, &c, false);
    ok (st.pids_current == 7 && st.pids_failcnt == 5 && st.io_rbytes == 300 && st.io_wbytes == 60,
        "CPU time moved (by 1 ns): all three re-read");

    tap_put (d.pids, "pids.current", "3\n");
    sh.sample = 6;
    cgroup_v1_read_stats_at (&d, &st, &c, false);
    ok (st.pids_current == 7, "unmoved CPU time keeps the last count (sample 6)");
    sh.sample = 7;
    cgroup_v1_read_stats_at (&d, &st, &c, false);
    ok (st.pids_current == 3, "... until the every-10th re-read (sample 7 for CTID 3)");

    /* No CPU figure (no cpuacct): nothing to key on, read every sample.  */
    char usage[700];
    snprintf (usage, sizeof usage, "%s/cpuacct.usage", d.cpuacct);
    unlink (usage);
    stats_cache_close (&c);
    sampler_cache (&c, &sh);
    sh.sample = 1;
    cgroup_v1_read_stats_at (&d, &st, &c, false);
    tap_put (d.pids, "pids.current", "9\n");
    sh.sample = 2;
    cgroup_v1_read_stats_at (&d, &st, &c, false);
    ok (st.cpu_ns == STATS_NA && st.pids_current == 9, "no CPU time: processes read every sample");
    stats_cache_close (&c);
    tap_put (d.memory, "memory.usage_in_bytes", "1000\n");
  }
  {
    /* Without a sampler (ubc, tests) everything is read as before.  */
    stats_cache_t c;
    ct_stats_t st;
    stats_cache_init (&c);
    stats_init (&st);
    cgroup_v1_read_stats_at (&d, &st, &c, false);
    ok (st.swap_current == 500 && st.io_rios == 10, "no sampler: memsw and every file read");
    stats_cache_close (&c);
  }
  stats_shared_close (&sh);

  {
    uint64_t before = sysfs_lo ("rx_packets"), dumped, asked, after;
    bool a = lo_counters (true, &dumped), b = lo_counters (false, &asked);
    after = sysfs_lo ("rx_packets");
    ok (a && dumped >= before && dumped <= after, "link counters from one dump match sysfs (lo rx_packets %llu)",
        (unsigned long long) dumped);
    ok (b && asked >= dumped && asked <= after, "link counters asked per link match sysfs (lo rx_packets %llu)",
        (unsigned long long) asked);
  }
  {
    char cmd[700];
    snprintf (cmd, sizeof cmd, "rm -rf '%s'", base);
    ok (system (cmd) == 0, "temp layout removed");
  }
  return tap_done ();
}
