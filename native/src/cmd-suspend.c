/* suspend CTID [--checkpoint]: freeze every task of the CT in place (the
   freezer cgroup; VZ7's "pause").  --checkpoint asks for vzctl's suspend
   to disk, which on mainline needs CRIU: where `criu check` fails we say
   so (exit 110).  */
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cgroup.h"
#include "cmd-util.h"
#include "ct-config.h"
#include "exec-argv.h"
#include "lock.h"

int
cmd_suspend (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  static const struct option opts[] = {
    { "checkpoint", no_argument, NULL, 'c' }, { "dumpfile", required_argument, NULL, 'c' },
    { "freeze-only", no_argument, NULL, 'f' }, { "wait", no_argument, NULL, 'w' }, { NULL, 0, NULL, 0 },
  };
  bool checkpoint = false, wait = false;
  int ctid, c, lock, ret;
  ct_state_t st;
  cgroup_t cg;
  char path[400];

  while ((c = getopt_long (argc, argv, "", opts, NULL)) != -1)
    switch (c)
      {
      case 'c': checkpoint = true; break;
      case 'f': checkpoint = false; break;
      case 'w': wait = true; break;
      default: return cmd_bad_option (argv, err);
      }
  if (cmd_ctid_arg (argc, argv, &ctid, err) < 0 || cmd_no_more_args (argc, argv, err) < 0)
    return -1;
  if (!ct_config_exists (&ctx->node, ctid))
    return corral_error (err, EXIT_NOTFOUND, 0, "CT %d does not exist", ctid);
  lock = lock_ct (&ctx->node, ctid, wait, err);
  if (lock < 0)
    return -1;
  ret = -1;
  if (!ct_state_running (&ctx->node, ctid, &st))
    corral_error (err, EXIT_NOTRUNNING, 0, "CT %d is not running", ctid);
  else if (checkpoint)
    {
      static const char *const check[] = { "/usr/sbin/criu", "check", NULL };
      exec_opts_t o = EXEC_OPTS_INIT;
      corral_error_t why;
      if (access (check[0], X_OK) < 0)
        corral_error_code (err, EXIT_UNSUPPORTED, 0, "unsupported",
                           "suspend CT %d to disk: CRIU is not installed; suspend without --checkpoint freezes it in memory", ctid);
      else if (exec_argv_run (check, &o, &why) < 0)
        corral_error_code (err, EXIT_UNSUPPORTED, 0, "unsupported",
                           "suspend CT %d to disk: `criu check` fails on this kernel (%.200s); suspend without --checkpoint freezes it in memory",
                           ctid, why.message);
      else
        corral_error_code (err, EXIT_UNSUPPORTED, 0, "unsupported",
                           "suspend CT %d to disk: checkpointing is not implemented yet; suspend without --checkpoint freezes it in memory", ctid);
    }
  else if (cgroup_open_ct (&ctx->node, ctid, &cg, err) == 0 && cg.ops->freeze (&cg, true, err) == 0)
    {
      int fd;
      ct_state_path (&ctx->node, ctid, "frozen", path, sizeof path);
      fd = open (path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
      if (fd >= 0)
        close (fd);
      ret = 0;
    }
  lock_release (lock);
  if (ret < 0)
    return -1;
  cmd_done (ctx, ctid, "suspended", "suspended");
  return 0;
}
