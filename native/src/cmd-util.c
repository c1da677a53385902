#include "cmd-util.h"

#include <getopt.h>
#include <stdio.h>
#include <unistd.h>
#include "json.h"
#include "parse.h"

int
cmd_ctid_arg (int argc, char **argv, int *ctid, corral_error_t *err)
{
  if (optind >= argc)
    return corral_error (err, EXIT_BADARG, 0, "%s: missing CTID", argv[0]);
  return parse_ctid (argv[optind++], ctid, err);
}

int
cmd_no_more_args (int argc, char **argv, corral_error_t *err)
{
  if (optind < argc)
    return corral_error (err, EXIT_BADARG, 0, "%s: unexpected argument `%s`", argv[0], argv[optind]);
  return 0;
}

int
cmd_bad_option (char **argv, corral_error_t *err)
{
  const char *opt = argv[optind - 1] ? argv[optind - 1] : "";
  if (optopt && optopt != '?')
    return corral_error (err, EXIT_BADARG, 0, "%s: unknown or incomplete option `-%c`", argv[0], optopt);
  return corral_error (err, EXIT_BADARG, 0, "%s: unknown or incomplete option `%s`", argv[0], opt);
}

void
cmd_done (const corral_ctx_t *ctx, int ctid, const char *status, const char *text)
{
  if (ctx->json)
    {
      json_writer_t w;
      json_init (&w, stdout);
      json_obj_begin (&w, NULL);
      json_int (&w, "ctid", ctid);
      json_str (&w, "status", status);
      json_obj_end (&w);
      fputc ('\n', stdout);
    }
  else if (!ctx->quiet)
    printf ("CT %d %s\n", ctid, text);
  fflush (stdout);
}

const char *
cmd_state_word (bool running)
{
  return running ? "running" : "stopped";
}

int
cmd_check_not_frozen (const corral_ctx_t *ctx, int ctid, corral_error_t *err)
{
  char path[400];
  ct_state_path (&ctx->node, ctid, "frozen", path, sizeof path);
  if (access (path, F_OK) == 0)
    return corral_error_code (err, EXIT_NOTRUNNING, 0, "suspended", "CT %d is suspended: resume it first", ctid);
  return 0;
}
