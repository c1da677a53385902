/* Start and stop as whole operations, shared by start, stop, restart and
   destroy.  The caller holds the CT lock.  */
#ifndef CORRAL_LIFECYCLE_H
#define CORRAL_LIFECYCLE_H

#include <stdbool.h>
#include <sys/types.h>
#include "ct-config.h"
#include "error.h"
#include "node-config.h"

int lifecycle_start (const node_config_t *node, const ct_config_t *ct, int lock_fd, bool force,
                     pid_t *init_pid, corral_error_t *err);

/* Graceful: signal init the way it expects, wait TIMEOUT seconds, then
   kill the whole CT, and return once the monitor released everything.
   FAST kills at once and returns as soon as every CT process is dead.  */
int lifecycle_stop (const node_config_t *node, int ctid, bool fast, int timeout, corral_error_t *err);

#endif
