/* LXCFS (Debian's lxcfs package, openvz-model §5.9): a FUSE view of /proc
   computed per CT from its cgroups, so free, top and uptime inside show
   the CT's own RAM, CPUs and load.  One instance per node, mounted at
   <CORRAL_ROOT>/lxcfs, started on the first CT start that finds it
   missing and stopped when the node's last CT stops; without the package
   the CT sees the host's numbers.  */
#ifndef CORRAL_LXCFS_H
#define CORRAL_LXCFS_H

#include <stdbool.h>
#include <stddef.h>
#include "error.h"
#include "node-config.h"

/* True when the node's lxcfs serves /proc (starting it if needed).  */
bool lxcfs_ensure (const node_config_t *node);

/* Called as CT SELF is destroyed: the node's last CT takes the node's
   lxcfs with it (by PID), so a node without CTs runs none.  It is kept
   while the node has CTs, running or not: starting lxcfs again at every
   start after the node's last stop cost more than the rest of the start.  */
void lxcfs_release (const node_config_t *node, int self);

/* In a CT's mount namespace, before pivot_root (CWD = CT root): bind the
   node's lxcfs /proc files over proc/, once lxcfs_ensure said it serves.  */
int lxcfs_bind_proc (const char *node_root, corral_error_t *err);

#endif
