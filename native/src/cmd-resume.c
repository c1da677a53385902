/* resume CTID: thaw a CT frozen by `suspend`.  --restore (from a CRIU
   checkpoint) is refused like `suspend --checkpoint` where CRIU cannot run.  */
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cgroup.h"
#include "cmd-util.h"
#include "ct-config.h"
#include "lock.h"

int
cmd_resume (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  static const struct option opts[] = {
    { "wait", no_argument, NULL, 'w' }, { "restore", no_argument, NULL, 'r' }, { "dumpfile", required_argument, NULL, 'r' },
    { NULL, 0, NULL, 0 },
  };
  bool wait = false;
  int ctid, c, lock, ret = -1;
  ct_state_t st;
  cgroup_t cg;
  char path[400];

  while ((c = getopt_long (argc, argv, "", opts, NULL)) != -1)
    switch (c)
      {
      case 'w': wait = true; break;
      case 'r':
        return corral_error_code (err, EXIT_UNSUPPORTED, 0, "unsupported",
                                  "resume from a checkpoint: CRIU checkpoints are not supported on this node");
      default: return cmd_bad_option (argv, err);
      }
  if (cmd_ctid_arg (argc, argv, &ctid, err) < 0 || cmd_no_more_args (argc, argv, err) < 0)
    return -1;
  if (!ct_config_exists (&ctx->node, ctid))
    return corral_error (err, EXIT_NOTFOUND, 0, "CT %d does not exist", ctid);
  lock = lock_ct (&ctx->node, ctid, wait, err);
  if (lock < 0)
    return -1;
  if (!ct_state_running (&ctx->node, ctid, &st))
    corral_error (err, EXIT_NOTRUNNING, 0, "CT %d is not running", ctid);
  else if (cgroup_open_ct (&ctx->node, ctid, &cg, err) == 0 && cg.ops->freeze (&cg, false, err) == 0)
    {
      ct_state_path (&ctx->node, ctid, "frozen", path, sizeof path);
      unlink (path);
      ret = 0;
    }
  lock_release (lock);
  if (ret < 0)
    return -1;
  cmd_done (ctx, ctid, "running", "resumed");
  return 0;
}
