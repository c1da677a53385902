/* One CT's counters as `stats` and `ubc` report them, read from the
   cgroup back-end (read_stats), the host veth and the mounted image.
   STATS_NA marks a counter this kernel or layout cannot give; it is shown
   as null, never as 0.  */
#ifndef CORRAL_STATS_H
#define CORRAL_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cgroup.h"
#include "node-config.h"

#define STATS_NA UINT64_MAX
#define STATS_MAX_FILES 24

typedef struct ct_stats_s
{
  uint64_t cpu_ns;
  uint64_t mem_current, mem_peak, mem_limit, mem_failcnt, oom_kills;
  uint64_t swap_current, swap_peak, swap_limit, swap_failcnt;
  uint64_t kmem_current, kmem_peak, kmem_failcnt;   /* full only */
  uint64_t shmem, slab_reclaimable;                 /* full only, bytes */
  uint64_t pids_current, pids_peak, pids_max, pids_failcnt;
  uint64_t io_rbytes, io_wbytes, io_rios, io_wios;
  uint64_t net_rx_bytes, net_rx_packets, net_tx_bytes, net_tx_packets; /* as the CT sees them */
  uint64_t disk_used, disk_total, inodes_used, inodes_total;           /* bytes, inodes */
} ct_stats_t;

/* Open fds of one CT's counter files, re-read with pread at offset 0.  */
typedef struct stats_cache_s
{
  int fd[STATS_MAX_FILES];
  bool tried[STATS_MAX_FILES];
  uint64_t slow_val[STATS_MAX_FILES];
  unsigned slow_age[STATS_MAX_FILES];
  bool warm;                   /* every cgroup file opened once */
  int root_fd;                 /* the CT root, for fstatfs without a path walk */
  int own_fs;                  /* -1 unknown, 0 shares the host's fs (dir layout), 1 its own */
} stats_cache_t;

void stats_init (ct_stats_t *st);
void stats_cache_init (stats_cache_t *c);
void stats_cache_close (stats_cache_t *c);

/* Read DIR/FILE through slot SLOT of CACHE (may be NULL).  Returns the
   length or < 0 when the file is missing.  */
int stats_read (stats_cache_t *c, int slot, const char *dir, const char *file, char *buf, size_t size);
/* A single number (or "max" -> STATS_NA); STATS_NA when missing.  */
uint64_t stats_read_u64 (stats_cache_t *c, int slot, const char *dir, const char *file);
/* Same, for a file that changes only when someone runs `set` (a limit):
   with a cache it is re-read every 10th sample only.  */
uint64_t stats_read_u64_slow (stats_cache_t *c, int slot, const char *dir, const char *file);
/* "KEY value" in a flat-keyed file (memory.stat, pids.events, ...).  */
uint64_t stats_key (const char *buf, const char *key);

/* Everything for CT CTID: cgroup counters, veth counters reversed (host
   rx = CT tx), statfs of the mounted root.  */
int stats_read_ct (const node_config_t *node, int ctid, stats_cache_t *cache, bool full, ct_stats_t *st);

/* CTIDs of every CT whose state says running, ascending; *IDS malloc'd.  */
int stats_running_cts (const node_config_t *node, int **ids, size_t *n);

#endif
