/* Per-CT lock: flock on $run/<CTID>.lock, held for the whole of a mutating
   command.  The kernel drops it when the holder dies, so no stale locks.  */
#ifndef CORRAL_LOCK_H
#define CORRAL_LOCK_H

#include <stdbool.h>
#include "error.h"
#include "node-config.h"

/* Returns the lock fd (>= 0), or < 0 with exit 9 when another command
   holds it and WAIT is false.  */
int lock_ct (const node_config_t *node, int ctid, bool wait, corral_error_t *err);
void lock_release (int fd);

#endif
