/* stop CTID [--fast] [--timeout S] [--wait]  */
#include <getopt.h>
#include <stdio.h>

#include "cmd-util.h"
#include "ct-config.h"
#include "lifecycle.h"
#include "lock.h"
#include "parse.h"

int
cmd_stop (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  static const struct option opts[] = {
    { "fast", no_argument, NULL, 'f' }, { "timeout", required_argument, NULL, 't' },
    { "wait", no_argument, NULL, 'w' }, { NULL, 0, NULL, 0 },
  };
  bool wait = false, fast = false;
  uint64_t timeout = (uint64_t) ctx->node.stop_timeout;
  int ctid, c, lock, ret;

  while ((c = getopt_long (argc, argv, "", opts, NULL)) != -1)
    switch (c)
      {
      case 'f': fast = true; break;
      case 'w': wait = true; break;
      case 't':
        if (parse_uint (optarg, 86400, &timeout, err) < 0)
          return corral_error_wrap (err, "--timeout");
        break;
      default: return cmd_bad_option (argv, err);
      }
  if (cmd_ctid_arg (argc, argv, &ctid, err) < 0 || cmd_no_more_args (argc, argv, err) < 0)
    return -1;
  if (!ct_config_exists (&ctx->node, ctid))
    return corral_error (err, EXIT_NOTFOUND, 0, "CT %d does not exist", ctid);
  lock = lock_ct (&ctx->node, ctid, wait, err);
  if (lock < 0)
    return -1;
  ret = lifecycle_stop (&ctx->node, ctid, fast, (int) timeout, err);
  lock_release (lock);
  if (ret < 0)
    return -1;
  cmd_done (ctx, ctid, "stopped", "stopped");
  return 0;
}
