/* The sampler-wide part of `stats` (stats_shared_t in stats.h): opened
   once, then stats_shared_begin before each sample drains the kernel's
   notifications into the CTs' caches, checks for swap and dumps every
   link's counters in one rtnetlink request.  */
#ifndef CORRAL_STATS_SHARED_H
#define CORRAL_STATS_SHARED_H

#include "stats.h"

void stats_shared_open (stats_shared_t *sh);
/* CACHES: the N CTs about to be read (entries may be NULL).  */
void stats_shared_begin (stats_shared_t *sh, const node_config_t *node, stats_cache_t *const *caches, size_t n);
void stats_shared_close (stats_shared_t *sh);

/* IFINDEX's counters from this sample's dump, or NULL; *HINT remembers
   where it was, so the next look-up is one comparison.  */
const stats_link_t *stats_shared_link (const stats_shared_t *sh, int ifindex, size_t *hint);

#endif
