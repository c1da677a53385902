/* Small helpers shared by the command files: the CTID argument, the
   running check, and the text/JSON result line.  */
#ifndef CORRAL_CMD_UTIL_H
#define CORRAL_CMD_UTIL_H

#include <stdbool.h>
#include "commands.h"
#include "ct-state.h"

/* ARGV[OPTIND] is the CTID; fails with exit 20 when missing.  */
int cmd_ctid_arg (int argc, char **argv, int *ctid, corral_error_t *err);

/* Refuse leftover positional arguments.  */
int cmd_no_more_args (int argc, char **argv, corral_error_t *err);

/* getopt error text for an unknown option or a missing value.  */
int cmd_bad_option (char **argv, corral_error_t *err);

/* Print "CT 101 <done>" as text or {"ctid":101,"status":"<status>"}.  */
void cmd_done (const corral_ctx_t *ctx, int ctid, const char *status, const char *text);

/* Exit 31 (code "suspended") when `suspend` froze the CT: joining it
   would hang.  */
int cmd_check_not_frozen (const corral_ctx_t *ctx, int ctid, corral_error_t *err);

/* Text status line in vzctl's words.  */
const char *cmd_state_word (bool running);

#endif
