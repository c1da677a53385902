/* The resource options of `set` (set-limits.c): parsed and validated
   before anything changes, merged into the CT config, applied live to a
   running CT.  cmd-set.c owns the command; this file owns the limits.  */
#ifndef CORRAL_SET_LIMITS_H
#define CORRAL_SET_LIMITS_H

#include <getopt.h>
#include <stdbool.h>
#include "ct-config.h"
#include "ct-limits.h"
#include "ct-state.h"
#include "error.h"
#include "node-config.h"

enum
{
  SET_OPT_RAM = 0x100, SET_OPT_SWAP, SET_OPT_NUMPROC, SET_OPT_NUMPTY, SET_OPT_CPUUNITS, SET_OPT_CPULIMIT,
  SET_OPT_CPUS, SET_OPT_CPUMASK, SET_OPT_DISKSPACE, SET_OPT_DISKINODES, SET_OPT_IOPRIO, SET_OPT_IOLIMIT,
  SET_OPT_IOPSLIMIT, SET_OPT_ONBOOT, SET_OPT_DISABLED, SET_OPT_NAME, SET_OPT_DESCRIPTION, SET_OPT_SETMODE,
  SET_OPT_LAST
};

/* Entries for cmd-set's getopt table.  */
#define SET_LIMITS_OPTIONS                                                                                       \
  { "ram", required_argument, NULL, SET_OPT_RAM }, { "swap", required_argument, NULL, SET_OPT_SWAP },            \
  { "numproc", required_argument, NULL, SET_OPT_NUMPROC }, { "numpty", required_argument, NULL, SET_OPT_NUMPTY }, \
  { "cpuunits", required_argument, NULL, SET_OPT_CPUUNITS },                                                     \
  { "cpulimit", required_argument, NULL, SET_OPT_CPULIMIT }, { "cpus", required_argument, NULL, SET_OPT_CPUS }, \
  { "cpumask", required_argument, NULL, SET_OPT_CPUMASK },                                                       \
  { "diskspace", required_argument, NULL, SET_OPT_DISKSPACE },                                                   \
  { "diskinodes", required_argument, NULL, SET_OPT_DISKINODES },                                                 \
  { "ioprio", required_argument, NULL, SET_OPT_IOPRIO }, { "iolimit", required_argument, NULL, SET_OPT_IOLIMIT }, \
  { "iopslimit", required_argument, NULL, SET_OPT_IOPSLIMIT },                                                   \
  { "onboot", required_argument, NULL, SET_OPT_ONBOOT }, { "disabled", required_argument, NULL, SET_OPT_DISABLED }, \
  { "name", required_argument, NULL, SET_OPT_NAME }, { "description", required_argument, NULL, SET_OPT_DESCRIPTION }, \
  { "setmode", required_argument, NULL, SET_OPT_SETMODE }

typedef struct set_limits_s
{
  ct_config_t want;            /* only the fields named by `given` */
  unsigned given;              /* bit (opt - SET_OPT_RAM) per option seen */
  enum { SETMODE_NONE, SETMODE_RESTART, SETMODE_IGNORE } setmode;
} set_limits_t;

void set_limits_init (set_limits_t *s);
/* One getopt result: 1 = consumed, 0 = not a resource option, < 0 = bad value.  */
int set_limits_option (set_limits_t *s, int opt, const char *arg, corral_error_t *err);
bool set_limits_any (const set_limits_t *s);

/* Merge the options into CT (a copy of the loaded config) and check them
   against the CT's state.  *RESTART is set when an option cannot be
   applied to the running CT (only --setmode restart may go on).  */
int set_limits_merge (const set_limits_t *s, const node_config_t *node, ct_config_t *ct, bool running,
                      bool *restart, corral_error_t *err);

/* Apply to the running CT (cgroup files, devpts max=, disk size); with
   RESTART pending, only what is safe live.  */
int set_limits_apply_live (const set_limits_t *s, const node_config_t *node, const ct_config_t *ct,
                           const ct_state_t *st, corral_error_t *err);
/* Stopped CT: what lives outside the cgroup (the disk size).  */
int set_limits_apply_stopped (const set_limits_t *s, const node_config_t *node, const ct_config_t *ct,
                              corral_error_t *err);

/* Without --save: put ORIG's resource fields back into CT before saving
   (so only cmd-set's own options persist).  */
void set_limits_unsave (ct_config_t *ct, const ct_config_t *orig);
/* Options that only change the config refuse to run without --save.  */
int set_limits_check_save (const set_limits_t *s, bool save, corral_error_t *err);

#endif
