/* reinstall CTID [--ostemplate NAME]: a fresh root from the template,
   keeping the config (addresses, limits).  The new tree is built beside
   the old one and swapped in with rename(), so a failure leaves the old
   root untouched.  dir layout only, for now.  */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd-util.h"
#include "ct-config.h"
#include "ct-setup.h"
#include "lock.h"
#include "storage.h"
#include "template.h"

int
cmd_reinstall (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  static const struct option opts[] = {
    { "ostemplate", required_argument, NULL, 't' }, { "wait", no_argument, NULL, 'w' }, { NULL, 0, NULL, 0 },
  };
  const char *tmpl = NULL;
  bool wait = false;
  int ctid, c, lock, ret = -1;
  ct_config_t ct;
  ct_state_t st;
  uint32_t base;
  char priv[400], fresh[420], old[420];
  corral_error_t ignored;

  while ((c = getopt_long (argc, argv, "", opts, NULL)) != -1)
    switch (c)
      {
      case 't':
        if (!template_name_valid (optarg))
          return corral_error (err, EXIT_BADVALUE, 0, "invalid template name `%s`", optarg);
        tmpl = optarg;
        break;
      case 'w': wait = true; break;
      default: return cmd_bad_option (argv, err);
      }
  if (cmd_ctid_arg (argc, argv, &ctid, err) < 0 || cmd_no_more_args (argc, argv, err) < 0)
    return -1;
  lock = lock_ct (&ctx->node, ctid, wait, err);
  if (lock < 0)
    return -1;
  if (ct_config_load (&ctx->node, ctid, &ct, err) < 0 || ct_config_id_base (&ctx->node, ctid, &base, err) < 0)
    goto out;
  if (ct_state_running (&ctx->node, ctid, &st))
    {
      corral_error (err, EXIT_RUNNING, 0, "CT %d is running: stop it first", ctid);
      goto out;
    }
  if (tmpl)
    snprintf (ct.ostemplate, sizeof ct.ostemplate, "%s", tmpl);
  if (!template_exists (&ctx->node, ct.ostemplate))
    {
      corral_error (err, EXIT_NOTEMPLATE, 0, "template `%s` not found", ct.ostemplate);
      goto out;
    }
  storage_private_path (&ctx->node, ctid, priv, sizeof priv);
  snprintf (fresh, sizeof fresh, "%s.new", priv);
  snprintf (old, sizeof old, "%s.old", priv);
  storage_remove_tree (fresh, &ignored);
  storage_remove_tree (old, &ignored);
  if (mkdir (fresh, 0755) < 0 || chown (fresh, base, base) < 0)
    {
      corral_error (err, EXIT_SYSTEM, errno, "create `%s`", fresh);
      goto out;
    }
  if (template_extract (&ctx->node, ct.ostemplate, fresh, base, base, err) < 0
      || ct_setup_files (&ctx->node, &ct, fresh, err) < 0)
    {
      storage_remove_tree (fresh, &ignored);
      goto out;
    }
  if (rename (priv, old) < 0 || rename (fresh, priv) < 0)
    {
      corral_error (err, EXIT_SYSTEM, errno, "swap in the new root `%s`", fresh);
      rename (old, priv);
      goto out;
    }
  storage_remove_tree (old, &ignored);
  if (ct_config_save (&ctx->node, &ct, err) < 0)
    goto out;
  ret = 0;

out:
  lock_release (lock);
  if (ret < 0)
    return corral_error_wrap (err, "reinstall CT %d", ctid);
  cmd_done (ctx, ctid, "reinstalled", "reinstalled");
  return 0;
}
