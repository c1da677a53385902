/* The limit and counter halves of the cgroup back-ends, addressable by
   directory so unit tests can run them against a recorded file layout in
   a temp dir (cgroup-v1-limits.c, cgroup-v2-limits.c).  */
#ifndef CORRAL_CGROUP_LIMITS_H
#define CORRAL_CGROUP_LIMITS_H

#include "cgroup.h"
#include "ct-limits.h"
#include "stats.h"

typedef struct v1_dirs_s
{
  char memory[600], cpu[600], cpuacct[600], cpuset[600], blkio[600], pids[600];
} v1_dirs_t;

/* The CT's directory in each v1 controller hierarchy, from mountinfo.  */
void cgroup_v1_dirs (const cgroup_t *cg, v1_dirs_t *d);
int cgroup_v1_apply_limits (const v1_dirs_t *d, const ct_limits_t *l, corral_error_t *err);
void cgroup_v1_read_stats_at (const v1_dirs_t *d, ct_stats_t *st, stats_cache_t *c, bool full);

/* ROOT is the cgroup2 mount (/sys/fs/cgroup), PATH the CT's relative path;
   controllers are enabled top-down in every ancestor's subtree_control.  */
int cgroup_v2_apply_limits (const char *root, const char *path, const ct_limits_t *l, corral_error_t *err);
void cgroup_v2_read_stats_at (const char *dir, ct_stats_t *st, stats_cache_t *c, bool full);

int cgroup_v1_set_limits (const cgroup_t *cg, const struct ct_limits_s *l, corral_error_t *err);
int cgroup_v1_read_stats (const cgroup_t *cg, struct ct_stats_s *st, struct stats_cache_s *c, bool full);
int cgroup_v2_set_limits (const cgroup_t *cg, const struct ct_limits_s *l, corral_error_t *err);
int cgroup_v2_read_stats (const cgroup_t *cg, struct ct_stats_s *st, struct stats_cache_s *c, bool full);

/* One write of a plan: O_TRUNC so a plain file (tests) ends up holding
   exactly VALUE, as a cgroup file would.  */
int cgroup_limits_write (const char *dir, const char *file, const char *value, corral_error_t *err);

#endif
