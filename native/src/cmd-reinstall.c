/* reinstall CTID [--ostemplate NAME]: a fresh root from the template,
   keeping the config (addresses, limits).  Works on any layout: the new
   tree is extracted completely beside the old one inside the CT's own
   filesystem, and only then are the top-level entries swapped with
   rename(); a failure before the swap leaves the old root untouched, one
   during it moves the old entries back.  */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd-util.h"
#include "ct-config.h"
#include "ct-setup.h"
#include "lock.h"
#include "storage.h"
#include "template.h"

#define NEW_DIR ".corral-reinstall-new"
#define OLD_DIR ".corral-reinstall-old"

static bool
keep_in_place (const char *name)
{
  return strcmp (name, ".") == 0 || strcmp (name, "..") == 0 || strcmp (name, NEW_DIR) == 0
         || strcmp (name, OLD_DIR) == 0 || strcmp (name, "lost+found") == 0;
}

/* Move every top-level entry of FROM (under TREE_FD) to TO.  */
static int
move_entries (int tree_fd, const char *from, const char *to, corral_error_t *err)
{
  int from_fd = openat (tree_fd, from, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  int to_fd = openat (tree_fd, to, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  DIR *d = from_fd >= 0 ? fdopendir (dup (from_fd)) : NULL;
  struct dirent *de;
  int ret = 0;

  if (from_fd < 0 || to_fd < 0 || d == NULL)
    ret = corral_error (err, EXIT_SYSTEM, errno, "open `%s` or `%s`", from, to);
  while (ret == 0 && (de = readdir (d)))
    if (!keep_in_place (de->d_name) && renameat (from_fd, de->d_name, to_fd, de->d_name) < 0)
      ret = corral_error (err, EXIT_SYSTEM, errno, "move `%s` from `%s` to `%s`", de->d_name, from, to);
  if (d)
    closedir (d);
  if (from_fd >= 0)
    close (from_fd);
  if (to_fd >= 0)
    close (to_fd);
  return ret;
}

static int
reinstall_tree (const node_config_t *node, const ct_config_t *ct, const char *tree, uint32_t base,
                corral_error_t *err)
{
  char fresh[450], old[450];
  corral_error_t ignored;
  int tree_fd, ret = -1;

  snprintf (fresh, sizeof fresh, "%s/" NEW_DIR, tree);
  snprintf (old, sizeof old, "%s/" OLD_DIR, tree);
  storage_remove_tree (fresh, &ignored);
  storage_remove_tree (old, &ignored);
  if (mkdir (fresh, 0755) < 0 || chown (fresh, base, base) < 0 || mkdir (old, 0700) < 0)
    {
      corral_error (err, EXIT_SYSTEM, errno, "create `%s`", fresh);
      goto cleanup;
    }
  if (template_extract (node, ct->ostemplate, fresh, base, base, err) < 0 || ct_setup_files (node, ct, fresh, err) < 0)
    goto cleanup;
  tree_fd = open (tree, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (tree_fd < 0)
    {
      corral_error (err, EXIT_SYSTEM, errno, "open `%s`", tree);
      goto cleanup;
    }
  if (move_entries (tree_fd, ".", OLD_DIR, err) < 0)
    {
      move_entries (tree_fd, OLD_DIR, ".", &ignored);
      close (tree_fd);
      goto cleanup;
    }
  if (move_entries (tree_fd, NEW_DIR, ".", err) < 0)
    {
      /* Put the old root back: whatever of the new one moved goes to NEW_DIR.  */
      move_entries (tree_fd, ".", NEW_DIR, &ignored);
      move_entries (tree_fd, OLD_DIR, ".", &ignored);
      close (tree_fd);
      goto cleanup;
    }
  close (tree_fd);
  ret = 0;

cleanup:
  storage_remove_tree (fresh, &ignored);
  storage_remove_tree (old, &ignored);
  return ret;
}

int
cmd_reinstall (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  static const struct option opts[] = {
    { "ostemplate", required_argument, NULL, 't' }, { "wait", no_argument, NULL, 'w' }, { NULL, 0, NULL, 0 },
  };
  const char *tmpl = NULL;
  bool wait = false, mounted_here = false;
  int ctid, c, lock, ret = -1;
  ct_config_t ct;
  ct_state_t st;
  uint32_t base;
  char tree[400];
  const storage_ops_t *so = NULL;

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
  if (ct_state_wait_monitor (&ctx->node, ctid, err) < 0)
    goto out;
  if (tmpl)
    snprintf (ct.ostemplate, sizeof ct.ostemplate, "%s", tmpl);
  if (!template_exists (&ctx->node, ct.ostemplate))
    {
      corral_error (err, EXIT_NOTEMPLATE, 0, "template `%s` not found", ct.ostemplate);
      goto out;
    }
  so = storage_ops (ct.layout);
  if (so == NULL)
    {
      corral_error (err, EXIT_BADVALUE, 0, "unknown layout `%s`", ct.layout);
      goto out;
    }
  /* The image layout's tree is reachable only while mounted.  */
  if (!so->is_mounted (&ctx->node, ctid))
    {
      if (so->mount (&ctx->node, ctid, err) < 0)
        goto out;
      mounted_here = true;
    }
  so->tree_path (&ctx->node, ctid, tree, sizeof tree);
  if (reinstall_tree (&ctx->node, &ct, tree, base, err) < 0 || ct_config_save (&ctx->node, &ct, err) < 0)
    goto out;
  ret = 0;

out:
  if (mounted_here)
    {
      corral_error_t uerr;
      if (so->umount (&ctx->node, ctid, &uerr) < 0 && ret == 0)
        {
          *err = uerr;
          ret = -1;
        }
    }
  lock_release (lock);
  if (ret < 0)
    return corral_error_wrap (err, "reinstall CT %d", ctid);
  cmd_done (ctx, ctid, "reinstalled", "reinstalled");
  return 0;
}
