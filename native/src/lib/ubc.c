#include "ubc.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup.h"
#include "kvfile.h"
#include "stats.h"

static uint64_t page_size;

static uint64_t
pages (uint64_t bytes)
{
  return bytes == STATS_NA ? STATS_NA : bytes / page_size;
}

static uint64_t
lim_pages (uint64_t bytes)
{
  return bytes == STATS_NA || bytes >= (1ULL << 62) ? UBC_UNLIMITED : bytes / page_size;
}

/* "TCP: inuse 3 orphan 0 ..." style lines of the CT's own netns, read
   through its init: /proc/<pid>/net is that task's network namespace.  */
static uint64_t
sockstat (pid_t init, const char *file, const char *proto)
{
  char path[64], line[256];
  FILE *f;
  uint64_t v = STATS_NA;
  size_t len = strlen (proto);

  snprintf (path, sizeof path, "/proc/%d/net/%s", (int) init, file);
  f = fopen (path, "re");
  if (f == NULL)
    return STATS_NA;
  while (fgets (line, sizeof line, f))
    if (strncmp (line, proto, len) == 0 && line[len] == ':')
      {
        char *p = strstr (line, "inuse ");
        v = p ? strtoull (p + 6, NULL, 10) : 0;
        break;
      }
  fclose (f);
  return v;
}

static uint64_t
count_lines (pid_t init, const char *file)
{
  char path[64], line[512];
  FILE *f;
  uint64_t n = 0;

  snprintf (path, sizeof path, "/proc/%d/net/%s", (int) init, file);
  f = fopen (path, "re");
  if (f == NULL)
    return 0;
  while (fgets (line, sizeof line, f))
    n++;
  fclose (f);
  return n ? n - 1 : 0; /* header line */
}

static uint64_t
count_entries (const char *dir, bool digits_only)
{
  DIR *d = opendir (dir);
  struct dirent *de;
  uint64_t n = 0;

  if (d == NULL)
    return STATS_NA;
  while ((de = readdir (d)))
    if (de->d_name[0] >= '0' && de->d_name[0] <= '9')
      n++;
    else if (!digits_only && de->d_name[0] != '.')
      n++;
  closedir (d);
  return n;
}

/* Σ of a "VmLck:  N kB" style field over the CT's tasks.  */
static uint64_t
sum_status_kb (const pid_t *pids, size_t n, const char *key)
{
  uint64_t total = 0;
  size_t len = strlen (key);
  for (size_t i = 0; i < n; i++)
    {
      char path[64], line[256];
      FILE *f;
      snprintf (path, sizeof path, "/proc/%d/status", (int) pids[i]);
      f = fopen (path, "re");
      if (f == NULL)
        continue;
      while (fgets (line, sizeof line, f))
        if (strncmp (line, key, len) == 0)
          {
            total += strtoull (line + len, NULL, 10);
            break;
          }
      fclose (f);
    }
  return total * 1024;
}

static uint64_t
count_fds (const pid_t *pids, size_t n)
{
  uint64_t total = 0;
  for (size_t i = 0; i < n; i++)
    {
      char path[64];
      uint64_t c;
      snprintf (path, sizeof path, "/proc/%d/fd", (int) pids[i]);
      c = count_entries (path, true);
      if (c != STATS_NA)
        total += c;
    }
  return total;
}

/* The per-boot store of running maxima: STARTED=<boot time>, NAME=max.  */
typedef struct store_s
{
  long long started;
  const char *names[UBC_MAX_ROWS];
  uint64_t max[UBC_MAX_ROWS];
  size_t n;
} store_t;

static int
store_set (void *data, const char *key, const char *value, corral_error_t *err)
{
  store_t *s = data;
  (void) err;
  if (strcmp (key, "STARTED") == 0)
    s->started = atoll (value);
  for (size_t i = 0; i < s->n; i++)
    if (strcmp (s->names[i], key) == 0)
      s->max[i] = strtoull (value, NULL, 10);
  return 0;
}

static void
store_update (const node_config_t *node, int ctid, long long started, ubc_row_t *rows, const bool *userspace,
              size_t n)
{
  char path[400], upper[UBC_MAX_ROWS][16], vals[UBC_MAX_ROWS + 1][24];
  const char *keys[UBC_MAX_ROWS + 1], *values[UBC_MAX_ROWS + 1];
  store_t s = { .started = -1 };
  corral_error_t ignored;
  size_t k = 0;

  for (size_t i = 0; i < n; i++)
    {
      size_t j = 0;
      for (; rows[i].name[j] && j < sizeof upper[i] - 1; j++)
        upper[i][j] = (char) toupper ((unsigned char) rows[i].name[j]);
      upper[i][j] = '\0';
      s.names[i] = upper[i];
      s.max[i] = 0;
    }
  s.n = n;
  ct_state_path (node, ctid, "ubc", path, sizeof path);
  if (kvfile_read (path, store_set, &s, &ignored) != 0 || s.started != started)
    memset (s.max, 0, sizeof s.max);  /* a new boot starts a new period */
  snprintf (vals[k], sizeof vals[k], "%lld", started);
  keys[k] = "STARTED";
  values[k] = vals[k];
  k++;
  for (size_t i = 0; i < n; i++)
    {
      if (!userspace[i])
        continue;
      if (rows[i].held > s.max[i])
        s.max[i] = rows[i].held;
      rows[i].maxheld = s.max[i];
      snprintf (vals[k], sizeof vals[k], "%llu", (unsigned long long) s.max[i]);
      keys[k] = upper[i];
      values[k] = vals[k];
      k++;
    }
  kvfile_write (path, keys, values, k, false, &ignored);
}

int
ubc_collect (const node_config_t *node, const ct_config_t *ct, const ct_state_t *st, ubc_row_t *rows, size_t *n,
             corral_error_t *err)
{
  ct_stats_t s;
  cgroup_t cg;
  pid_t *pids = NULL;
  size_t np = 0;
  bool userspace[UBC_MAX_ROWS] = { false };
  char path[64];
  uint64_t v;

  if (page_size == 0)
    page_size = (uint64_t) sysconf (_SC_PAGESIZE);
  *n = 0;
  if (stats_read_ct (node, ct->ctid, NULL, true, &s) < 0 || cgroup_open_ct (node, ct->ctid, &cg, err) < 0)
    return corral_error (err, EXIT_SYSTEM, 0, "read the counters of CT %d", ct->ctid);
  if (cg.ops->pids (&cg, &pids, &np, err) < 0)
    return -1;

#define ROW(NAME, HELD, MAXHELD, BARRIER, LIMIT, FAIL, USERSPACE)                                              \
  do                                                                                                           \
    {                                                                                                          \
      uint64_t h_ = (HELD);                                                                                    \
      if (h_ == STATS_NA)                                                                                      \
        break;                                                                                                 \
      uint64_t m_ = (MAXHELD), f_ = (FAIL);                                                                    \
      userspace[*n] = (USERSPACE) || m_ == STATS_NA;                                                           \
      rows[*n] = (ubc_row_t) { NAME, h_, m_ == STATS_NA ? h_ : m_, (BARRIER), (LIMIT), f_ == STATS_NA ? 0 : f_ }; \
      (*n)++;                                                                                                  \
    }                                                                                                          \
  while (0)

  /* Not enforced on mainline (kmem limits are gone): barrier = limit = unlimited.  */
  ROW ("kmemsize", s.kmem_current, s.kmem_peak, UBC_UNLIMITED, UBC_UNLIMITED, s.kmem_failcnt, false);
  ROW ("lockedpages", pages (sum_status_kb (pids, np, "VmLck:")), STATS_NA, UBC_UNLIMITED, UBC_UNLIMITED, 0, true);
  ROW ("shmpages", pages (s.shmem), STATS_NA, UBC_UNLIMITED, UBC_UNLIMITED, 0, true);
  v = s.pids_max == STATS_NA ? UBC_UNLIMITED : s.pids_max;
  ROW ("numproc", s.pids_current, s.pids_peak, v, v, s.pids_failcnt, false);
  ROW ("physpages", pages (s.mem_current), pages (s.mem_peak), 0, lim_pages (s.mem_limit), s.mem_failcnt, false);
  {
    uint64_t t4 = sockstat (st->init_pid, "sockstat", "TCP"), t6 = sockstat (st->init_pid, "sockstat6", "TCP6");
    ROW ("numtcpsock", t4 == STATS_NA ? STATS_NA : t4 + (t6 == STATS_NA ? 0 : t6), STATS_NA, UBC_UNLIMITED,
         UBC_UNLIMITED, 0, true);
  }
  snprintf (path, sizeof path, "/proc/%d/root/dev/pts", (int) st->init_pid);
  v = ct->numpty && ct->numpty != UINT64_MAX ? ct->numpty : UBC_UNLIMITED;
  ROW ("numpty", count_entries (path, true), STATS_NA, v, v, 0, true);
  {
    static const char *const socks[][2] = { { "sockstat", "UDP" }, { "sockstat", "UDPLITE" }, { "sockstat", "RAW" },
                                            { "sockstat6", "UDP6" }, { "sockstat6", "UDPLITE6" },
                                            { "sockstat6", "RAW6" } };
    uint64_t other = 0, x;
    for (size_t i = 0; i < sizeof socks / sizeof socks[0]; i++)
      if ((x = sockstat (st->init_pid, socks[i][0], socks[i][1])) != STATS_NA)
        other += x;
    other += count_lines (st->init_pid, "unix") + count_lines (st->init_pid, "netlink");
    ROW ("numothersock", other, STATS_NA, UBC_UNLIMITED, UBC_UNLIMITED, 0, true);
  }
  ROW ("dcachesize", s.slab_reclaimable, STATS_NA, UBC_UNLIMITED, UBC_UNLIMITED, 0, true);
  ROW ("numfile", count_fds (pids, np), STATS_NA, UBC_UNLIMITED, UBC_UNLIMITED, 0, true);
  ROW ("swappages", pages (s.swap_current), pages (s.swap_peak), 0, lim_pages (s.swap_limit), s.swap_failcnt,
       false);
  /* vzquota's units: 1K blocks.  The image's size is the hard limit; ext4
     keeps no count of ENOSPC, so failcnt stays 0.  */
  if (s.disk_total != STATS_NA)
    {
      ROW ("diskspace", s.disk_used / 1024, STATS_NA, s.disk_total / 1024, s.disk_total / 1024, 0, true);
      ROW ("diskinodes", s.inodes_used, STATS_NA, s.inodes_total, s.inodes_total, 0, true);
    }
#undef ROW
  free (pids);
  store_update (node, ct->ctid, st->started, rows, userspace, *n);
  return 0;
}

void
ubc_print_header (FILE *out)
{
  fprintf (out, "Version: 2.5\n");
  fprintf (out, "%10s  %-12s %20s %20s %20s %20s %20s\n", "uid", "resource", "held", "maxheld", "barrier", "limit",
           "failcnt");
}

void
ubc_print_rows (FILE *out, int ctid, const ubc_row_t *rows, size_t n)
{
  char id[16];
  snprintf (id, sizeof id, "%d", ctid);
  for (size_t i = 0; i < n; i++)
    fprintf (out, "%10s%c %-12s %20llu %20llu %20llu %20llu %20llu\n", i == 0 ? id : "", i == 0 ? ':' : ' ',
             rows[i].name, (unsigned long long) rows[i].held, (unsigned long long) rows[i].maxheld,
             (unsigned long long) rows[i].barrier, (unsigned long long) rows[i].limit,
             (unsigned long long) rows[i].failcnt);
}
