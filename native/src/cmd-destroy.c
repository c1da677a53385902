/* destroy CTID [--wait]: remove a stopped CT's private area and config.
   vzctl renames the config to <CTID>.conf.destroyed; we do the same.  */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cgroup.h"
#include "cmd-util.h"
#include "ct-config.h"
#include "lock.h"
#include "lxcfs.h"
#include "storage.h"

int
cmd_destroy (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  static const struct option opts[] = { { "wait", no_argument, NULL, 'w' }, { NULL, 0, NULL, 0 } };
  bool wait = false;
  int ctid, c, lock;
  ct_config_t ct;
  ct_state_t st;
  const storage_ops_t *storage;
  char conf[400], gone[420], path[400];
  cgroup_t cg;
  static const char *const run_files[] = { "state", "console", "sock", "stop", "loop" };

  while ((c = getopt_long (argc, argv, "", opts, NULL)) != -1)
    switch (c)
      {
      case 'w': wait = true; break;
      default: return cmd_bad_option (argv, err);
      }
  if (cmd_ctid_arg (argc, argv, &ctid, err) < 0 || cmd_no_more_args (argc, argv, err) < 0)
    return -1;
  lock = lock_ct (&ctx->node, ctid, wait, err);
  if (lock < 0)
    return -1;
  storage_private_path (&ctx->node, ctid, path, sizeof path);
  if (!ct_config_exists (&ctx->node, ctid) && access (path, F_OK) == 0)
    {
      /* What a create killed midway left (create also clears it).  */
      if (storage_destroy_leftover (&ctx->node, ctid, err) < 0)
        goto fail;
      lock_release (lock);
      cmd_done (ctx, ctid, "destroyed", "destroyed");
      return 0;
    }
  if (ct_config_load (&ctx->node, ctid, &ct, err) < 0)
    goto fail;
  if (ct_state_running (&ctx->node, ctid, &st))
    {
      corral_error (err, EXIT_RUNNING, 0, "CT %d is running: stop it first", ctid);
      goto fail;
    }
  if (ct_state_wait_monitor (&ctx->node, ctid, err) < 0)
    goto fail;
  storage = storage_ops (ct.layout);
  if (storage == NULL)
    {
      corral_error (err, EXIT_BADVALUE, 0, "CT %d: unknown layout `%s`", ctid, ct.layout);
      goto fail;
    }
  if (storage->destroy (&ctx->node, ctid, err) < 0)
    goto fail;
  if (cgroup_open_ct (&ctx->node, ctid, &cg, err) == 0 && cg.ops->exists (&cg))
    cg.ops->destroy (&cg, err);
  for (size_t i = 0; i < sizeof run_files / sizeof run_files[0]; i++)
    {
      ct_state_path (&ctx->node, ctid, run_files[i], path, sizeof path);
      unlink (path);
    }
  ct_config_path (&ctx->node, ctid, conf, sizeof conf);
  snprintf (gone, sizeof gone, "%s.destroyed", conf);
  if (rename (conf, gone) < 0)
    {
      corral_error (err, EXIT_SYSTEM, errno, "rename `%s`", conf);
      goto fail;
    }
  ct_state_path (&ctx->node, ctid, "lock", path, sizeof path);
  unlink (path);
  /* The node's last CT takes the node's lxcfs with it.  */
  lxcfs_release (&ctx->node, ctid);
  lock_release (lock);
  cmd_done (ctx, ctid, "destroyed", "destroyed");
  return 0;

fail:
  lock_release (lock);
  return -1;
}
