/* stats [-j] [--interval MS --count N]: every running CT's counters in one
   call (CPU, memory, swap, processes, I/O, network, disk, failures).  With
   --interval the process stays and prints one JSON line per sample,
   keeping each counter file open and re-reading it at offset 0, which is
   what a once-a-second sampler on a node with 1,000 CTs wants.  */
#include <getopt.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cmd-util.h"
#include "parse.h"
#include "stats.h"

/* One CT as JSON, formatted by hand into one buffer: at 1,000 CTs a
   sample is ~600 KB of numbers, and a generic writer's per-character
   stdio calls cost as much as reading the counters.  The keys are fixed
   ASCII, so nothing needs escaping.  */
static char *
put_num (char *p, const char *key, uint64_t v, bool last)
{
  p += sprintf (p, "\"%s\":", key);
  if (v == STATS_NA)
    p = stpcpy (p, "null");
  else
    p += sprintf (p, "%llu", (unsigned long long) v);
  *p++ = last ? '}' : ',';
  return p;
}

static void
json_ct (FILE *out, bool first, int ctid, const ct_stats_t *s)
{
  char buf[1024], *p = buf;

  p += sprintf (p, "%s{\"ctid\":%d,", first ? "" : ",", ctid);
  p = put_num (p, "cpu_ns", s->cpu_ns, false);
  p = stpcpy (p, "\"memory\":{");
  p = put_num (p, "current", s->mem_current, false);
  p = put_num (p, "peak", s->mem_peak, false);
  p = put_num (p, "limit", s->mem_limit, false);
  p = put_num (p, "failcnt", s->mem_failcnt, false);
  p = put_num (p, "oom_kills", s->oom_kills, true);
  p = stpcpy (p, ",\"swap\":{");
  p = put_num (p, "current", s->swap_current, false);
  p = put_num (p, "peak", s->swap_peak, false);
  p = put_num (p, "limit", s->swap_limit, false);
  p = put_num (p, "failcnt", s->swap_failcnt, true);
  p = stpcpy (p, ",\"processes\":{");
  p = put_num (p, "current", s->pids_current, false);
  p = put_num (p, "peak", s->pids_peak, false);
  p = put_num (p, "limit", s->pids_max, false);
  p = put_num (p, "failcnt", s->pids_failcnt, true);
  p = stpcpy (p, ",\"io\":{");
  p = put_num (p, "read_bytes", s->io_rbytes, false);
  p = put_num (p, "write_bytes", s->io_wbytes, false);
  p = put_num (p, "read_ops", s->io_rios, false);
  p = put_num (p, "write_ops", s->io_wios, true);
  p = stpcpy (p, ",\"net\":{");
  p = put_num (p, "rx_bytes", s->net_rx_bytes, false);
  p = put_num (p, "rx_packets", s->net_rx_packets, false);
  p = put_num (p, "tx_bytes", s->net_tx_bytes, false);
  p = put_num (p, "tx_packets", s->net_tx_packets, true);
  p = stpcpy (p, ",\"disk\":{");
  p = put_num (p, "used", s->disk_used, false);
  p = put_num (p, "total", s->disk_total, false);
  p = put_num (p, "inodes_used", s->inodes_used, false);
  p = put_num (p, "inodes_total", s->inodes_total, true);
  *p++ = '}';
  fwrite (buf, 1, (size_t) (p - buf), out);
}

typedef struct sampler_s
{
  int *ids;
  stats_cache_t *caches;
  size_t n;
} sampler_t;

/* Carry the open files of CTs still running over to the new list.  */
static int
sampler_refresh (const node_config_t *node, sampler_t *s, bool cache)
{
  int *ids;
  size_t n, j = 0;
  stats_cache_t *caches;

  if (stats_running_cts (node, &ids, &n) < 0)
    return -1;
  caches = calloc (n ? n : 1, sizeof *caches);
  if (caches == NULL)
    {
      free (ids);
      return -1;
    }
  for (size_t i = 0; i < n; i++)
    {
      while (j < s->n && s->ids[j] < ids[i])
        stats_cache_close (&s->caches[j++]);
      if (j < s->n && s->ids[j] == ids[i])
        caches[i] = s->caches[j++];
      else
        stats_cache_init (&caches[i]);
    }
  for (; j < s->n; j++)
    stats_cache_close (&s->caches[j]);
  free (s->ids);
  free (s->caches);
  s->ids = ids;
  s->caches = caches;
  s->n = n;
  (void) cache;
  return 0;
}

static void
sample (const corral_ctx_t *ctx, sampler_t *s, bool cache)
{
  struct timespec now;

  clock_gettime (CLOCK_REALTIME, &now);
  if (ctx->json)
    printf ("{\"time_ms\":%lld,\"cts\":[", (long long) now.tv_sec * 1000 + now.tv_nsec / 1000000);
  else
    printf ("%10s %12s %12s %12s %8s %14s %14s %12s\n", "CTID", "CPU_S", "MEM", "MEM_LIMIT", "NPROC", "NET_RX",
            "NET_TX", "DISK_USED");
  for (size_t i = 0; i < s->n; i++)
    {
      ct_stats_t st;
      stats_read_ct (&ctx->node, s->ids[i], cache ? &s->caches[i] : NULL, false, &st);
      if (ctx->json)
        json_ct (stdout, i == 0, s->ids[i], &st);
      else
        {
          char cols[6][24];
          const uint64_t v[6] = { st.mem_current, st.mem_limit, st.pids_current, st.net_rx_bytes, st.net_tx_bytes,
                                  st.disk_used };
          for (int k = 0; k < 6; k++)
            snprintf (cols[k], sizeof cols[k], v[k] == STATS_NA ? "-" : "%llu", (unsigned long long) v[k]);
          printf ("%10d %12.2f %12s %12s %8s %14s %14s %12s\n", s->ids[i],
                  st.cpu_ns == STATS_NA ? 0.0 : (double) st.cpu_ns / 1e9, cols[0], cols[1], cols[2], cols[3],
                  cols[4], cols[5]);
        }
    }
  if (ctx->json)
    fputs ("]}\n", stdout);
  fflush (stdout);
}

int
cmd_stats (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  static const struct option opts[] = {
    { "json", no_argument, NULL, 'j' }, { "interval", required_argument, NULL, 'i' },
    { "count", required_argument, NULL, 'c' }, { NULL, 0, NULL, 0 },
  };
  uint64_t interval = 0, count = 1;
  bool watch = false;
  sampler_t s = { 0 };
  int c;

  while ((c = getopt_long (argc, argv, "j", opts, NULL)) != -1)
    switch (c)
      {
      case 'j': ctx->json = true; break;
      case 'i':
        if (parse_uint (optarg, 3600000, &interval, err) < 0)
          return corral_error_wrap (err, "--interval (ms)");
        watch = true;
        count = 0;
        break;
      case 'c':
        if (parse_uint (optarg, UINT64_MAX, &count, err) < 0)
          return corral_error_wrap (err, "--count");
        break;
      default: return cmd_bad_option (argv, err);
      }
  if (cmd_no_more_args (argc, argv, err) < 0)
    return -1;
  if (watch)
    {
      /* Up to ~24 open files per CT.  */
      struct rlimit rl;
      if (getrlimit (RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max)
        {
          rl.rlim_cur = rl.rlim_max;
          setrlimit (RLIMIT_NOFILE, &rl);
        }
    }
  struct timespec run_mtime = { 0, 0 };
  for (uint64_t i = 0; count == 0 || i < count; i++)
    {
      if (i > 0)
        nanosleep (&(struct timespec) { (time_t) (interval / 1000), (long) (interval % 1000) * 1000000 }, NULL);
      /* Which CTs run costs a state file and a /proc lookup per CT, more
         than their counters; a sampler re-lists every 10th sample, and at
         once when the run dir changed (a CT started or stopped: its monitor
         socket and state files live there), so a new CT shows up within one
         sample.  */
      struct stat run_st;
      bool run_changed = stat (ctx->node.run_dir, &run_st) == 0
                         && (run_st.st_mtim.tv_sec != run_mtime.tv_sec || run_st.st_mtim.tv_nsec != run_mtime.tv_nsec);
      if (run_changed)
        run_mtime = run_st.st_mtim;
      if ((i % 10 == 0 || run_changed) && sampler_refresh (&ctx->node, &s, watch) < 0)
        return corral_error (err, EXIT_SYSTEM, 0, "list running CTs");
      sample (ctx, &s, watch);
    }
  for (size_t i = 0; i < s.n; i++)
    stats_cache_close (&s.caches[i]);
  free (s.ids);
  free (s.caches);
  return 0;
}
