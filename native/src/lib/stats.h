/* One CT's counters as `stats` and `ubc` report them, read from the
   cgroup back-end (read_stats), the host veth and the mounted image.
   STATS_NA marks a counter this kernel or layout cannot give; it is shown
   as null, never as 0.  */
#ifndef CORRAL_STATS_H
#define CORRAL_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "cgroup.h"
#include "node-config.h"

#define STATS_NA UINT64_MAX
#define STATS_MAX_FILES 24
/* Files re-read only on a kernel notification (stats_read_evented) or
   when another counter moved (stats_read_keyed).  */
#define STATS_MAX_EVENTED 6
/* Slow and evented files are re-read at least every this many samples.  */
#define STATS_SLOW_EVERY 10

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

/* The host side of one link, from the sampler's one rtnetlink dump.  */
typedef struct stats_link_s
{
  int ifindex;
  uint64_t rx_bytes, rx_packets, tx_bytes, tx_packets;
} stats_link_t;

/* What a long-running sampler shares between its CTs (stats-sampler.c):
   the sample count, whether the host has swap at all, one epoll set for
   every counter file the kernel signals, and every link's counters from a
   single dump per sample.  */
typedef struct stats_shared_s
{
  unsigned long sample;
  bool host_swap;
  int epfd;
  int nl_fd;                   /* rtnetlink, for the link counters */
  int ifr_fd;                  /* for SIOCGIFINDEX */
  uint32_t nl_seq;
  stats_link_t *links;         /* this sample's, ascending ifindex */
  size_t nlinks, links_cap;
  bool links_ok;               /* this sample's links were read */
  size_t node_links;           /* links on the node at the last full dump */
  unsigned long dumped_at;     /* sample of that dump */
} stats_shared_t;

/* A counter file whose content is re-read only when the kernel says it
   changed; in between, the last content is handed out again.  */
typedef enum
{
  STATS_EV_POLL,     /* kernfs "file modified" (cgroup v2 *.events): EPOLLPRI on the file itself */
  STATS_EV_V1_OOM,   /* v1 memory.oom_control: an eventfd registered through cgroup.event_control */
} stats_event_t;

typedef struct stats_evented_s
{
  int slot;                    /* -1 unused */
  bool armed;                  /* the kernel will tell us; else re-read every sample */
  bool arm_tried;
  bool polled;                 /* the file's own fd is in the epoll set */
  uint64_t key;                /* stats_read_keyed: KEY at the last read */
  int len;                     /* of buf, < 0 when the last read failed */
  char buf[384];               /* a v1 blkio file with two devices fits */
} stats_evented_t;

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
  /* Sampler only (shared != NULL).  */
  stats_shared_t *shared;
  int ctid;
  pid_t init_pid;              /* a restarted CT has new cgroups and a new veth: new cache */
  bool gone;                   /* a kept file vanished: the CT stopped */
  int ifindex;                 /* host veth; 0 not looked up, -1 none (looked up again now and then) */
  size_t link_hint;            /* its position in shared->links last sample */
  int oom_efd;                 /* v1 OOM notifications, -1 none */
  unsigned hot;                /* samples left to re-read evented files after a notification */
  stats_evented_t ev[STATS_MAX_EVENTED];
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
   with a cache it is re-read every STATS_SLOW_EVERY samples only.  */
uint64_t stats_read_u64_slow (stats_cache_t *c, int slot, const char *dir, const char *file);
/* Same contract as stats_read, for a failure-event file (oom_control,
   memory.events, pids.events): in a sampler it is re-read when the kernel
   signalled a change (and every STATS_SLOW_EVERY samples, in case a
   signal was missed), otherwise its last content is copied into BUF.
   Where the kernel cannot signal it is read every time.  */
int stats_read_evented (stats_cache_t *c, int slot, stats_event_t ev, const char *dir, const char *file, char *buf,
                        size_t size);
/* Same contract, for a file that moves only together with another
   counter (I/O operations with I/O bytes): in a sampler it is re-read when
   KEY differs from the last read's (and every STATS_SLOW_EVERY samples),
   otherwise its last content is copied into BUF.  A KEY of STATS_NA (the
   other counter is missing) never matches: the file is read every time.  */
int stats_read_keyed (stats_cache_t *c, int slot, uint64_t key, const char *dir, const char *file, char *buf,
                      size_t size);
/* stats_read_u64 through stats_read_keyed.  */
uint64_t stats_read_u64_keyed (stats_cache_t *c, int slot, uint64_t key, const char *dir, const char *file);
/* False only when a sampler knows the host has no swap at all: then no CT
   has swapped anything and its swap usage is 0 without reading it.  */
bool stats_host_swap (const stats_cache_t *c);
/* "KEY value" in a flat-keyed file (memory.stat, pids.events, ...).  */
uint64_t stats_key (const char *buf, const char *key);

/* Everything for CT CTID: cgroup counters, veth counters reversed (host
   rx = CT tx), statfs of the mounted root.  Returns -1 when a sampler's
   kept file vanished (the CT stopped: CACHE->gone).  */
int stats_read_ct (const node_config_t *node, int ctid, stats_cache_t *cache, bool full, ct_stats_t *st);

/* CTIDs of every CT whose state says running, ascending; *IDS malloc'd.
   PIDS (may be NULL) gets each one's init PID, malloc'd likewise.  */
int stats_running_cts (const node_config_t *node, int **ids, size_t *n);
int stats_running_cts_pids (const node_config_t *node, int **ids, pid_t **pids, size_t *n);

#endif
