/* The per-CT monitor (openvz-model §7.3; LXC's monitor, conmon): a
   long-lived process, detached from the caller's session and cgroup, that
   boots the CT, holds its console, reaps init, reboots it when init asks,
   and cleans up and records why it stopped.  */
#ifndef CORRAL_MONITOR_H
#define CORRAL_MONITOR_H

#include <sys/types.h>
#include "ct-config.h"
#include "error.h"
#include "node-config.h"

/* Fork the monitor and wait until the CT runs (0, *INIT_PID set) or failed
   to start (< 0, ERR says why; the monitor has cleaned up and exited).
   LOCK_FD is the caller's per-CT lock, which the monitor must not keep.  */
int monitor_start (const node_config_t *node, const ct_config_t *ct, int lock_fd, pid_t *init_pid,
                   corral_error_t *err);

#endif
