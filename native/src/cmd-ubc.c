/* ubc [CTID...] [-j]: user beancounters of running CTs, as
   /proc/user_beancounters prints them (Version 2.5) or as JSON.  */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd-util.h"
#include "ct-config.h"
#include "json.h"
#include "parse.h"
#include "stats.h"
#include "ubc.h"

static void
json_ct (json_writer_t *w, int ctid, const ubc_row_t *rows, size_t n)
{
  json_obj_begin (w, NULL);
  json_int (w, "ctid", ctid);
  json_obj_begin (w, "beancounters");
  for (size_t i = 0; i < n; i++)
    {
      json_obj_begin (w, rows[i].name);
      json_uint (w, "held", rows[i].held);
      json_uint (w, "maxheld", rows[i].maxheld);
      json_uint (w, "barrier", rows[i].barrier);
      json_uint (w, "limit", rows[i].limit);
      json_uint (w, "failcnt", rows[i].failcnt);
      json_obj_end (w);
    }
  json_obj_end (w);
  json_obj_end (w);
}

int
cmd_ubc (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  static const struct option opts[] = { { "json", no_argument, NULL, 'j' }, { NULL, 0, NULL, 0 } };
  int c, *ids = NULL;
  size_t n_ids = 0;
  bool named;
  json_writer_t w;

  while ((c = getopt_long (argc, argv, "j", opts, NULL)) != -1)
    switch (c)
      {
      case 'j': ctx->json = true; break;
      default: return cmd_bad_option (argv, err);
      }
  named = optind < argc;
  if (named)
    {
      ids = calloc ((size_t) (argc - optind), sizeof *ids);
      if (ids == NULL)
        return corral_error (err, EXIT_SYSTEM, 12, "allocate");
      for (; optind < argc; optind++)
        if (parse_ctid (argv[optind], &ids[n_ids++], err) < 0)
          goto fail;
    }
  else if (stats_running_cts (&ctx->node, &ids, &n_ids) < 0)
    return corral_error (err, EXIT_SYSTEM, 0, "list running CTs");

  /* Collect everything first: an error for one named CT prints nothing.  */
  ubc_row_t (*rows)[UBC_MAX_ROWS] = calloc (n_ids ? n_ids : 1, sizeof *rows);
  size_t *counts = calloc (n_ids ? n_ids : 1, sizeof *counts);
  if (rows == NULL || counts == NULL)
    {
      corral_error (err, EXIT_SYSTEM, 12, "allocate");
      goto fail_rows;
    }
  for (size_t i = 0; i < n_ids; i++)
    {
      ct_config_t ct;
      ct_state_t st;
      if (ct_config_load (&ctx->node, ids[i], &ct, err) < 0)
        goto fail_rows;
      if (!ct_state_running (&ctx->node, ids[i], &st))
        {
          if (!named)
            continue;
          corral_error (err, EXIT_NOTRUNNING, 0, "CT %d is not running: beancounters exist only while it runs",
                        ids[i]);
          goto fail_rows;
        }
      if (ubc_collect (&ctx->node, &ct, &st, rows[i], &counts[i], err) < 0)
        goto fail_rows;
    }
  if (ctx->json)
    {
      json_init (&w, stdout);
      json_arr_begin (&w, NULL);
      for (size_t i = 0; i < n_ids; i++)
        if (counts[i])
          json_ct (&w, ids[i], rows[i], counts[i]);
      json_arr_end (&w);
      fputc ('\n', stdout);
    }
  else
    {
      ubc_print_header (stdout);
      for (size_t i = 0; i < n_ids; i++)
        ubc_print_rows (stdout, ids[i], rows[i], counts[i]);
    }
  fflush (stdout);
  free (rows);
  free (counts);
  free (ids);
  return 0;

fail_rows:
  free (rows);
  free (counts);
fail:
  free (ids);
  return -1;
}
