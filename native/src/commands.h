/* The command table's contract: corralctl.c parses global flags, loads the node
   config, and dispatches to one cmd_<name>() per file (crun's layout: one source file per command).  */
#ifndef CORRAL_COMMANDS_H
#define CORRAL_COMMANDS_H

#include <stdbool.h>
#include "error.h"
#include "node-config.h"

typedef struct corral_ctx_s
{
  bool json;              /* -j: one JSON document on stdout */
  bool quiet;
  int exit_status;        /* exit code on success (exec/enter pass the command's status) */
  node_config_t node;
} corral_ctx_t;

/* ARGV[0] is the command name ("start"), as getopt expects.
   Returns 0 or a negative value with ERR filled.  */
typedef int (*corral_cmd_fn) (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);

int cmd_template (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);
int cmd_create (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);
int cmd_reinstall (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);
int cmd_start (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);
int cmd_stop (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);
int cmd_restart (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);
int cmd_destroy (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);
int cmd_status (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);
int cmd_list (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);
int cmd_exec (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);
int cmd_enter (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);
int cmd_console (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);
int cmd_suspend (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);
int cmd_resume (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);
int cmd_set (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);
int cmd_ubc (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);
int cmd_stats (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err);

#endif
