/* start CTID [--wait] [--force]: boot the CT through its monitor.  */
#include <getopt.h>
#include <stdio.h>

#include "cmd-util.h"
#include "ct-config.h"
#include "lifecycle.h"
#include "lock.h"

int
cmd_start (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  static const struct option opts[] = {
    { "wait", no_argument, NULL, 'w' }, { "force", no_argument, NULL, 'f' }, { NULL, 0, NULL, 0 },
  };
  bool wait = false, force = false;
  ct_config_t ct;
  int ctid, c, lock, ret;
  pid_t init_pid;

  while ((c = getopt_long (argc, argv, "", opts, NULL)) != -1)
    switch (c)
      {
      case 'w': wait = true; break;
      case 'f': force = true; break;
      default: return cmd_bad_option (argv, err);
      }
  if (cmd_ctid_arg (argc, argv, &ctid, err) < 0 || cmd_no_more_args (argc, argv, err) < 0)
    return -1;
  lock = lock_ct (&ctx->node, ctid, wait, err);
  if (lock < 0)
    return -1;
  ret = ct_config_load (&ctx->node, ctid, &ct, err);
  if (ret == 0)
    ret = lifecycle_start (&ctx->node, &ct, lock, force, &init_pid, err);
  lock_release (lock);
  if (ret < 0)
    return -1;
  cmd_done (ctx, ctid, "running", "started");
  return 0;
}
