/* stats [-j] [--compact] [--interval MS [--count N]]: every running CT's
   counters in one call (CPU, memory, swap, processes, I/O, network, disk,
   failures).  With --interval the process stays and prints one JSON line
   per sample, which is what a once-a-second sampler on a node with 1,000
   CTs wants: each counter file stays open and is re-read at offset 0,
   files that only change on a failure are re-read when the kernel signals
   one, every link's counters come from one rtnetlink dump per sample, and
   the CT list is re-read only when the run dir changed.  --compact prints
   each CT as an array in the order of a first {"columns":[...]} line: a
   third of the bytes to write and to parse.  */
#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd-util.h"
#include "parse.h"
#include "stats-shared.h"
#include "stats.h"

/* A stopped CT's state changes the run dir, which triggers a new list at
   once; this only catches a monitor that died without a word.  */
#define RELIST_EVERY 60

/* The counters printed per CT, in the compact column order; the object
   form nests them by the part before the dot.  */
#define COL(name, field) { name, offsetof (ct_stats_t, field) }
static const struct
{
  const char *name;
  size_t off;
} columns[] = {
  COL ("cpu_ns", cpu_ns),
  COL ("memory.current", mem_current), COL ("memory.peak", mem_peak), COL ("memory.limit", mem_limit),
  COL ("memory.failcnt", mem_failcnt), COL ("memory.oom_kills", oom_kills),
  COL ("swap.current", swap_current), COL ("swap.peak", swap_peak), COL ("swap.limit", swap_limit),
  COL ("swap.failcnt", swap_failcnt),
  COL ("processes.current", pids_current), COL ("processes.peak", pids_peak), COL ("processes.limit", pids_max),
  COL ("processes.failcnt", pids_failcnt),
  COL ("io.read_bytes", io_rbytes), COL ("io.write_bytes", io_wbytes), COL ("io.read_ops", io_rios),
  COL ("io.write_ops", io_wios),
  COL ("net.rx_bytes", net_rx_bytes), COL ("net.rx_packets", net_rx_packets), COL ("net.tx_bytes", net_tx_bytes),
  COL ("net.tx_packets", net_tx_packets),
  COL ("disk.used", disk_used), COL ("disk.total", disk_total), COL ("disk.inodes_used", inodes_used),
  COL ("disk.inodes_total", inodes_total),
};
#undef COL
#define NCOLS (sizeof columns / sizeof columns[0])

/* One sample's output, built in memory and written with one call: at
   1,000 CTs a line is hundreds of KB of numbers, and stdio's per-call
   cost would match reading the counters.  */
typedef struct outbuf_s
{
  char *p;
  size_t len, cap;
} outbuf_t;

static bool
out_reserve (outbuf_t *o, size_t more)
{
  if (o->len + more <= o->cap)
    return true;
  size_t cap = o->cap ? o->cap : 1 << 16;
  while (cap < o->len + more)
    cap *= 2;
  char *p = realloc (o->p, cap);
  if (p == NULL)
    return false;
  o->p = p;
  o->cap = cap;
  return true;
}

static char *
put_str (char *p, const char *s)
{
  size_t n = strlen (s);
  memcpy (p, s, n);
  return p + n;
}

static char *
put_u64 (char *p, uint64_t v)
{
  char tmp[20];
  int n = 0;
  if (v == STATS_NA)
    return put_str (p, "null");
  do
    tmp[n++] = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  while (n > 0)
    *p++ = tmp[--n];
  return p;
}

static uint64_t
col_value (const ct_stats_t *s, size_t i)
{
  uint64_t v;
  memcpy (&v, (const char *) s + columns[i].off, sizeof v);
  return v;
}

/* [ctid,v,v,...] in column order.  Room: 28 numbers of at most 20 digits.  */
static char *
put_ct_compact (char *p, int ctid, const ct_stats_t *s)
{
  *p++ = '[';
  p = put_u64 (p, (uint64_t) ctid);
  for (size_t i = 0; i < NCOLS; i++)
    {
      *p++ = ',';
      p = put_u64 (p, col_value (s, i));
    }
  *p++ = ']';
  return p;
}

/* {"ctid":N,"cpu_ns":N,"memory":{"current":N,...},...}.  The keys are fixed
   ASCII, so nothing needs escaping.  */
static char *
put_ct_object (char *p, int ctid, const ct_stats_t *s)
{
  const char *group = NULL;
  size_t glen = 0; /* the open group's name length, 0 when none is open */

  p = put_str (p, "{\"ctid\":");
  p = put_u64 (p, (uint64_t) ctid);
  for (size_t i = 0; i < NCOLS; i++)
    {
      const char *name = columns[i].name, *dot = strchr (name, '.');
      size_t len = dot ? (size_t) (dot - name) : 0;
      if (glen && len == glen && strncmp (name, group, glen) == 0)
        *p++ = ',';
      else
        {
          if (glen)
            *p++ = '}';
          *p++ = ',';
          glen = 0;
          if (dot)
            {
              *p++ = '"';
              memcpy (p, name, len);
              p = put_str (p + len, "\":{");
              group = name;
              glen = len;
            }
        }
      *p++ = '"';
      p = put_str (p, dot ? dot + 1 : name);
      p = put_str (p, "\":");
      p = put_u64 (p, col_value (s, i));
    }
  if (glen)
    *p++ = '}';
  *p++ = '}';
  return p;
}

typedef struct sampler_s
{
  stats_shared_t shared;
  int *ids;
  stats_cache_t **caches;
  size_t n;
} sampler_t;

static void
cache_free (stats_cache_t *c)
{
  if (c == NULL)
    return;
  stats_cache_close (c);
  free (c);
}

/* Carry the open files of CTs still running (the same boot: same init
   PID) over to the new list.  */
static int
sampler_refresh (const node_config_t *node, sampler_t *s)
{
  int *ids;
  pid_t *pids;
  size_t n, j = 0;
  stats_cache_t **caches;

  if (stats_running_cts_pids (node, &ids, &pids, &n) < 0)
    return -1;
  caches = calloc (n ? n : 1, sizeof *caches);
  if (caches == NULL)
    {
      free (ids);
      free (pids);
      return -1;
    }
  for (size_t i = 0; i < n; i++)
    {
      while (j < s->n && s->ids[j] < ids[i])
        cache_free (s->caches[j++]);
      if (j < s->n && s->ids[j] == ids[i])
        {
          stats_cache_t *old = s->caches[j++];
          if (old->init_pid == pids[i] && !old->gone)
            {
              caches[i] = old;
              continue;
            }
          cache_free (old);
        }
      caches[i] = malloc (sizeof **caches);
      if (caches[i] == NULL)
        continue; /* this CT is skipped until the next list */
      stats_cache_init (caches[i]);
      caches[i]->shared = &s->shared;
      caches[i]->ctid = ids[i];
      caches[i]->init_pid = pids[i];
    }
  for (; j < s->n; j++)
    cache_free (s->caches[j]);
  free (s->ids);
  free (s->caches);
  free (pids);
  s->ids = ids;
  s->caches = caches;
  s->n = n;
  return 0;
}

static void
write_all (const char *p, size_t len)
{
  while (len > 0)
    {
      ssize_t w = write (STDOUT_FILENO, p, len);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        return;
      p += w;
      len -= (size_t) w;
    }
}

/* One sample of every listed CT; false when a CT vanished meanwhile (its
   line leaves it out) and the list should be read again.  */
static bool
sample (const corral_ctx_t *ctx, sampler_t *s, bool compact, outbuf_t *o)
{
  struct timespec now;
  bool all_there = true;

  stats_shared_begin (&s->shared, &ctx->node, s->caches, s->n);
  clock_gettime (CLOCK_REALTIME, &now);
  o->len = 0;
  if (!out_reserve (o, 64))
    return true;
  if (ctx->json)
    o->len += (size_t) sprintf (o->p, "{\"time_ms\":%lld,\"cts\":[",
                                (long long) now.tv_sec * 1000 + now.tv_nsec / 1000000);
  else
    o->len += (size_t) sprintf (o->p, "%10s %12s %12s %12s %8s %14s %14s %12s\n", "CTID", "CPU_S", "MEM", "MEM_LIMIT",
                                "NPROC", "NET_RX", "NET_TX", "DISK_USED");
  bool first = true;
  for (size_t i = 0; i < s->n; i++)
    {
      ct_stats_t st;
      if (s->caches[i] == NULL)
        continue;
      if (stats_read_ct (&ctx->node, s->ids[i], s->caches[i], false, &st) < 0)
        {
          all_there = false;
          continue;
        }
      if (!out_reserve (o, 1024))
        break;
      char *p = o->p + o->len;
      if (ctx->json)
        {
          if (!first)
            *p++ = ',';
          p = compact ? put_ct_compact (p, s->ids[i], &st) : put_ct_object (p, s->ids[i], &st);
        }
      else
        {
          char cols[6][24];
          const uint64_t v[6] = { st.mem_current, st.mem_limit, st.pids_current, st.net_rx_bytes, st.net_tx_bytes,
                                  st.disk_used };
          for (int k = 0; k < 6; k++)
            snprintf (cols[k], sizeof cols[k], v[k] == STATS_NA ? "-" : "%llu", (unsigned long long) v[k]);
          p += sprintf (p, "%10d %12.2f %12s %12s %8s %14s %14s %12s\n", s->ids[i],
                        st.cpu_ns == STATS_NA ? 0.0 : (double) st.cpu_ns / 1e9, cols[0], cols[1], cols[2], cols[3],
                        cols[4], cols[5]);
        }
      first = false;
      o->len = (size_t) (p - o->p);
    }
  if (ctx->json && out_reserve (o, 4))
    {
      memcpy (o->p + o->len, "]}\n", 3);
      o->len += 3;
    }
  write_all (o->p, o->len);
  return all_there;
}

static void
print_columns (void)
{
  outbuf_t o = { 0 };
  if (!out_reserve (&o, 4096))
    return;
  char *p = put_str (o.p, "{\"columns\":[\"ctid\"");
  for (size_t i = 0; i < NCOLS; i++)
    {
      p = put_str (p, ",\"");
      p = put_str (p, columns[i].name);
      *p++ = '"';
    }
  p = put_str (p, "]}\n");
  write_all (o.p, (size_t) (p - o.p));
  free (o.p);
}

int
cmd_stats (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  static const struct option opts[] = {
    { "json", no_argument, NULL, 'j' },          { "interval", required_argument, NULL, 'i' },
    { "count", required_argument, NULL, 'c' },   { "compact", no_argument, NULL, 'C' },
    { NULL, 0, NULL, 0 },
  };
  uint64_t interval = 0, count = 1;
  bool compact = false, relist = true;
  sampler_t s = { 0 };
  outbuf_t out = { 0 };
  struct timespec run_mtime = { 0, 0 }, next;
  unsigned long listed = 0;
  int c;

  while ((c = getopt_long (argc, argv, "j", opts, NULL)) != -1)
    switch (c)
      {
      case 'j': ctx->json = true; break;
      case 'C': compact = ctx->json = true; break;
      case 'i':
        if (parse_uint (optarg, 3600000, &interval, err) < 0)
          return corral_error_wrap (err, "--interval (ms)");
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
  /* About six open files per CT (more on cgroup v2 and with the image
     layout); a one-shot call keeps them for its one sample too.  */
  struct rlimit rl;
  if (getrlimit (RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max)
    {
      rl.rlim_cur = rl.rlim_max;
      setrlimit (RLIMIT_NOFILE, &rl);
    }
  stats_shared_open (&s.shared);
  if (compact)
    print_columns ();
  clock_gettime (CLOCK_MONOTONIC, &next);
  for (uint64_t i = 0; count == 0 || i < count; i++)
    {
      if (i > 0)
        {
          /* On a fixed grid, so a slow sample does not push the next.  */
          struct timespec now;
          next.tv_sec += (time_t) (interval / 1000);
          next.tv_nsec += (long) (interval % 1000) * 1000000;
          if (next.tv_nsec >= 1000000000)
            next.tv_sec++, next.tv_nsec -= 1000000000;
          clock_gettime (CLOCK_MONOTONIC, &now);
          if (now.tv_sec > next.tv_sec + 1)
            next = now; /* suspended or stalled: start the grid again */
          while (clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
            ;
        }
      /* Which CTs run costs a state file and a /proc lookup per CT, more
         than their counters: the list is read again when the run dir
         changed (a CT started or stopped: its state file lives there),
         when a CT's kept file vanished, and every RELIST_EVERY samples.  */
      struct stat run_st;
      if (stat (ctx->node.run_dir, &run_st) == 0
          && (run_st.st_mtim.tv_sec != run_mtime.tv_sec || run_st.st_mtim.tv_nsec != run_mtime.tv_nsec))
        {
          run_mtime = run_st.st_mtim;
          relist = true;
        }
      if (relist || s.shared.sample - listed >= RELIST_EVERY)
        {
          if (sampler_refresh (&ctx->node, &s) < 0)
            {
              stats_shared_close (&s.shared);
              return corral_error (err, EXIT_SYSTEM, 0, "list running CTs");
            }
          listed = s.shared.sample;
          relist = false;
        }
      relist = !sample (ctx, &s, compact, &out);
    }
  for (size_t i = 0; i < s.n; i++)
    cache_free (s.caches[i]);
  free (s.ids);
  free (s.caches);
  free (out.p);
  stats_shared_close (&s.shared);
  return 0;
}
