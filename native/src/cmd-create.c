/* create CTID --ostemplate NAME [...]: private area from a template plus
   the CT config.  Everything is validated before anything is written, and
   a failure removes what was made.  */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd-util.h"
#include "ct-config.h"
#include "ct-limits.h"
#include "ct-setup.h"
#include "lock.h"
#include "parse.h"
#include "storage.h"
#include "template.h"

int
cmd_create (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  static const struct option opts[] = {
    { "ostemplate", required_argument, NULL, 't' }, { "hostname", required_argument, NULL, 'h' },
    { "ipadd", required_argument, NULL, 'i' },      { "nameserver", required_argument, NULL, 'n' },
    { "ram", required_argument, NULL, 'r' },        { "swap", required_argument, NULL, 's' },
    { "diskspace", required_argument, NULL, 'd' },  { "userpasswd", required_argument, NULL, 'p' },
    { "layout", required_argument, NULL, 'l' },     { "name", required_argument, NULL, 'N' },
    { "description", required_argument, NULL, 'D' }, { "wait", no_argument, NULL, 'w' },
    { "diskinodes", required_argument, NULL, 'I' }, { "searchdomain", required_argument, NULL, 'S' },
    { NULL, 0, NULL, 0 },
  };
  ct_config_t ct;
  const char *passwd = NULL, *search[CT_MAX_SEARCH];
  size_t n_search = 0;
  bool wait = false;
  int ctid, c, lock;
  const storage_ops_t *storage;
  uint32_t base;
  char tree[400];

  ct_config_init (&ct, 0);
  /* The image layout where this node can loop-mount, like vzctl's ploop
     default; --layout dir forces the plain directory.  */
  snprintf (ct.layout, sizeof ct.layout, "%s", storage_default_layout ());
  while ((c = getopt_long (argc, argv, "", opts, NULL)) != -1)
    switch (c)
      {
      case 't':
        if (!template_name_valid (optarg))
          return corral_error (err, EXIT_BADVALUE, 0, "invalid template name `%s`", optarg);
        snprintf (ct.ostemplate, sizeof ct.ostemplate, "%s", optarg);
        break;
      case 'h':
        if (parse_hostname (optarg, err) < 0)
          return -1;
        snprintf (ct.hostname, sizeof ct.hostname, "%s", optarg);
        break;
      case 'i':
        if (ct_config_add_ip (&ct, optarg, err) < 0)
          return -1;
        break;
      case 'n':
        if (ct_config_add_nameserver (&ct, optarg, err) < 0)
          return -1;
        break;
      case 'S':
        if (n_search == CT_MAX_SEARCH)
          return corral_error (err, EXIT_BADVALUE, 0, "--searchdomain: at most %d", CT_MAX_SEARCH);
        search[n_search++] = optarg;
        if (ct_config_set_searchdomains (&ct, search, n_search, err) < 0)
          return -1;
        break;
      case 'r':
        if (parse_size (optarg, &ct.ram, err) < 0)
          return corral_error_wrap (err, "--ram");
        break;
      case 's':
        if (parse_size (optarg, &ct.swap, err) < 0)
          return corral_error_wrap (err, "--swap");
        break;
      case 'd':
        if (limits_parse_diskspace (optarg, &ct.diskspace, err) < 0)
          return -1;
        break;
      case 'I':
        if (limits_parse_diskinodes (optarg, &ct.diskinodes, err) < 0)
          return -1;
        break;
      case 'p':
        if (ct_setup_check_userpasswd (optarg, err) < 0)
          return -1;
        passwd = optarg;
        break;
      case 'l':
        if (storage_ops (optarg) == NULL)
          return corral_error (err, EXIT_BADVALUE, 0, "invalid layout `%s`", optarg);
        snprintf (ct.layout, sizeof ct.layout, "%s", optarg);
        break;
      case 'N': snprintf (ct.name, sizeof ct.name, "%s", optarg); break;
      case 'D': snprintf (ct.description, sizeof ct.description, "%s", optarg); break;
      case 'w': wait = true; break;
      default: return cmd_bad_option (argv, err);
      }
  if (cmd_ctid_arg (argc, argv, &ctid, err) < 0 || cmd_no_more_args (argc, argv, err) < 0)
    return -1;
  ct.ctid = ctid;
  if (ct.ostemplate[0] == '\0')
    return corral_error (err, EXIT_BADARG, 0, "create CT %d: --ostemplate is required", ctid);
  if (ct_config_id_base (&ctx->node, ctid, &base, err) < 0)
    return -1;
  for (size_t i = 0; i < ct.n_ips; i++)
    if (ct_config_check_ip (&ctx->node, ctid, ct.ips[i], err) < 0)
      return -1;

  lock = lock_ct (&ctx->node, ctid, wait, err);
  if (lock < 0)
    return -1;
  storage = storage_ops (ct.layout);
  /* Record the image's size, so DISKSPACE always says what the CT has.  */
  if (storage->resize && ct.diskspace == 0)
    ct.diskspace = STORAGE_IMAGE_DEFAULT_SIZE;
  storage_private_path (&ctx->node, ctid, tree, sizeof tree);
  if (ct_config_exists (&ctx->node, ctid))
    {
      lock_release (lock);
      return corral_error (err, EXIT_EXISTS, 0, "CT %d already exists", ctid);
    }
  /* A private area without a config is what a create killed midway left
     (the config is its last step; the agent that ran it restarted, say).
     We hold the lock, so no create is still at work on it.  */
  if (access (tree, F_OK) == 0 && storage_destroy_leftover (&ctx->node, ctid, err) < 0)
    {
      lock_release (lock);
      return corral_error_wrap (err, "create CT %d: remove what an interrupted create left", ctid);
    }
  if (!template_exists (&ctx->node, ct.ostemplate))
    {
      lock_release (lock);
      return corral_error (err, EXIT_NOTEMPLATE, 0, "template `%s` not found", ct.ostemplate);
    }
  if (storage->create (&ctx->node, &ct, err) < 0)
    goto fail_nothing;
  storage->tree_path (&ctx->node, ctid, tree, sizeof tree);
  /* The tree's top directory is CT root's "/" and must be its own.  */
  if (chown (tree, base, base) < 0)
    {
      corral_error (err, EXIT_SYSTEM, errno, "chown `%s`", tree);
      goto fail;
    }
  if (template_extract (&ctx->node, ct.ostemplate, tree, base, base, err) < 0
      || ct_setup_files (&ctx->node, &ct, tree, err) < 0
      || (passwd && ct_setup_userpasswd (tree, passwd, err) < 0)
      || ct_config_save (&ctx->node, &ct, err) < 0)
    goto fail;
  /* An image was mounted to receive the template; a created CT is
     unmounted, as after vzctl create.  */
  if (storage->umount (&ctx->node, ctid, err) < 0)
    goto fail;
  lock_release (lock);
  cmd_done (ctx, ctid, "created", "created");
  return 0;

fail:
  {
    corral_error_t ignored;
    char conf[400];
    storage->destroy (&ctx->node, ctid, &ignored);
    ct_config_path (&ctx->node, ctid, conf, sizeof conf);
    unlink (conf);
  }
fail_nothing:
  lock_release (lock);
  return corral_error_wrap (err, "create CT %d", ctid);
}
