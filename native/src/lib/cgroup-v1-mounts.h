/* The cgroup hierarchies mounted in our mount namespace (v1 controllers,
   named ones, and the cgroup2 one), read once from mountinfo.  */
#ifndef CORRAL_CGROUP_V1_MOUNTS_H
#define CORRAL_CGROUP_V1_MOUNTS_H

#include <stdbool.h>

#define CGROUP_MAX_HIER 16

typedef struct cgroup_mount_s
{
  char mnt[256];
  char opts[256];   /* super options: the controllers, name=... */
  bool unified;     /* cgroup2 */
} cgroup_mount_t;

/* Returns how many; *OUT points at a static table (first mount of each
   hierarchy, in mountinfo order).  */
int cgroup_v1_mounts (const cgroup_mount_t **out);

/* Does the comma-separated LIST hold TOK exactly?  */
bool cgroup_opts_has (const char *list, const char *tok);

#endif
