/* Run-time state of a CT, written by its monitor to $run/<CTID>.state:
   whether it runs, the monitor's and init's host PIDs, and why it last
   stopped.  Readers verify the monitor is alive, so a crashed node never
   shows a CT as running.  */
#ifndef CORRAL_CT_STATE_H
#define CORRAL_CT_STATE_H

#include <stdbool.h>
#include <sys/types.h>
#include "error.h"
#include "node-config.h"

#define MONITOR_COMM "corral-mon"

typedef struct ct_state_s
{
  char state[16];          /* "starting", "running", "rebooting" (between two boots), "stopping"
                              (releasing resources), "stopped" */
  pid_t monitor_pid;
  pid_t init_pid;          /* host PID of the CT's PID 1 */
  long long started;       /* unix seconds of the last (re)boot */
  int reboots;
  char reason[400];        /* last stop: halt, reboot, crash, oom, killed, start_failed: <message> */
} ct_state_t;

int ct_state_load (const node_config_t *node, int ctid, ct_state_t *st, corral_error_t *err);
int ct_state_save (const node_config_t *node, int ctid, const ct_state_t *st, corral_error_t *err);

/* One reading of the state file, so a reboot cannot fall between two:
   down (no live monitor), running (init alive) or between two boots.  */
typedef enum { CT_DOWN, CT_RUNNING, CT_BETWEEN_BOOTS } ct_liveness_t;
ct_liveness_t ct_state_probe (const node_config_t *node, int ctid, ct_state_t *st);

/* ct_state_probe () == CT_RUNNING.  */
bool ct_state_running (const node_config_t *node, int ctid, ct_state_t *st);

/* `stop` leaves $run/<CTID>.stop before it signals anything, and the
   monitor looks for it after init dies and before it boots again: a CT
   whose init reboots at the moment it is stopped must stay down.  The
   two sides order their steps so one always sees the other (monitor.c,
   lifecycle.c).  `start` clears it under the CT lock.  */
int ct_state_request_stop (const node_config_t *node, int ctid, corral_error_t *err);
bool ct_state_stop_requested (const node_config_t *node, int ctid);
void ct_state_clear_stop (const node_config_t *node, int ctid);

/* Wait (up to 30 s) for the monitor of a CT that is not running (it is
   still releasing resources); 0 when none is left, else exit 33.  */
int ct_state_wait_monitor (const node_config_t *node, int ctid, corral_error_t *err);

void ct_state_path (const node_config_t *node, int ctid, const char *suffix, char *buf, size_t size);

#endif
