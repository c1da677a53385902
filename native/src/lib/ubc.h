/* User beancounters on a mainline kernel (openvz-model §4, Appendix B):
   one row per counter with an honest source, in the kernel's ub_rnames[]
   order, plus the disk rows vzquota used to give.  A counter the kernel
   cannot give is left out, never faked.  */
#ifndef CORRAL_UBC_H
#define CORRAL_UBC_H

#include <stdint.h>
#include <stdio.h>
#include "ct-config.h"
#include "ct-state.h"
#include "error.h"
#include "node-config.h"

#define UBC_UNLIMITED 9223372036854775807ULL /* LONG_MAX, vzctl's "unlimited" */
#define UBC_MAX_ROWS 24

typedef struct ubc_row_s
{
  const char *name;
  uint64_t held, maxheld, barrier, limit, failcnt;
} ubc_row_t;

/* Rows for running CT CT (state ST).  maxheld for counters the kernel has
   no peak for comes from run/<CTID>.ubc, a running maximum kept per boot.  */
int ubc_collect (const node_config_t *node, const ct_config_t *ct, const ct_state_t *st, ubc_row_t *rows, size_t *n,
                 corral_error_t *err);

/* /proc/user_beancounters, Version 2.5, 64-bit widths.  */
void ubc_print_header (FILE *out);
void ubc_print_rows (FILE *out, int ctid, const ubc_row_t *rows, size_t n);

#endif
