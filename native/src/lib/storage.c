#include "storage.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

void
storage_private_path (const node_config_t *node, int ctid, char *buf, size_t size)
{
  snprintf (buf, size, "%s/%d", node->private_dir, ctid);
}

void
storage_root_path (const node_config_t *node, int ctid, char *buf, size_t size)
{
  snprintf (buf, size, "%s/%d", node->ct_root_dir, ctid);
}

static int
remove_entry (const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
  (void) st; (void) ftw;
  if (flag == FTW_DP)
    return rmdir (path) < 0 && errno != ENOENT ? -1 : 0;
  return unlink (path) < 0 && errno != ENOENT ? -1 : 0;
}

int
storage_remove_tree (const char *path, corral_error_t *err)
{
  struct stat st;

  if (lstat (path, &st) < 0)
    return errno == ENOENT ? 0 : corral_error (err, EXIT_SYSTEM, errno, "stat `%s`", path);
  if (nftw (path, remove_entry, 64, FTW_DEPTH | FTW_PHYS | FTW_MOUNT) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "remove `%s`", path);
  return 0;
}

/* The dir layout: private/<CTID> is a plain directory, bind-mounted on
   root/<CTID> while the CT is mounted (vzctl's simfs without quota).  */

static int
dir_create (const node_config_t *node, const ct_config_t *ct, corral_error_t *err)
{
  char path[400];

  storage_private_path (node, ct->ctid, path, sizeof path);
  if (mkdir (path, 0755) < 0)
    {
      if (errno == EEXIST)
        return corral_error (err, EXIT_EXISTS, 0, "private area `%s` already exists", path);
      return corral_error (err, EXIT_SYSTEM, errno, "create `%s`", path);
    }
  return 0;
}

static bool
dir_is_mounted (const node_config_t *node, int ctid)
{
  char root[400], priv[400];
  struct stat a, c;

  /* A bind mount keeps st_dev, but once mounted the CT root shows the
     private directory's own inode.  */
  storage_root_path (node, ctid, root, sizeof root);
  storage_private_path (node, ctid, priv, sizeof priv);
  if (stat (root, &a) < 0 || stat (priv, &c) < 0)
    return false;
  return a.st_dev == c.st_dev && a.st_ino == c.st_ino;
}

static int
dir_mount (const node_config_t *node, int ctid, corral_error_t *err)
{
  char priv[400], root[400];

  if (dir_is_mounted (node, ctid))
    return 0;
  storage_private_path (node, ctid, priv, sizeof priv);
  storage_root_path (node, ctid, root, sizeof root);
  if (mkdir (root, 0755) < 0 && errno != EEXIST)
    return corral_error (err, EXIT_SYSTEM, errno, "create `%s`", root);
  if (mount (priv, root, NULL, MS_BIND, NULL) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "mount `%s` on `%s`", priv, root);
  return storage_make_private (root, err);
}

static int
dir_umount (const node_config_t *node, int ctid, corral_error_t *err)
{
  char root[400];

  storage_root_path (node, ctid, root, sizeof root);
  while (dir_is_mounted (node, ctid))
    if (umount2 (root, MNT_DETACH) < 0)
      return corral_error (err, EXIT_SYSTEM, errno, "unmount `%s`", root);
  if (rmdir (root) < 0 && errno != ENOENT)
    return corral_error (err, EXIT_SYSTEM, errno, "remove `%s`", root);
  return 0;
}

int
storage_make_private (const char *root, corral_error_t *err)
{
  if (mount (NULL, root, NULL, MS_PRIVATE, NULL) < 0)
    {
      int e = errno;
      umount2 (root, MNT_DETACH);
      return corral_error (err, EXIT_SYSTEM, e, "make `%s` private", root);
    }
  return 0;
}

int
storage_destroy_private (const node_config_t *node, int ctid,
                         int (*umount) (const node_config_t *, int, corral_error_t *), corral_error_t *err)
{
  char priv[400];

  if (umount (node, ctid, err) < 0)
    return -1;
  storage_private_path (node, ctid, priv, sizeof priv);
  return storage_remove_tree (priv, err);
}

static int
dir_destroy (const node_config_t *node, int ctid, corral_error_t *err)
{
  return storage_destroy_private (node, ctid, dir_umount, err);
}

static int
dir_tree_path (const node_config_t *node, int ctid, char *buf, size_t size)
{
  storage_private_path (node, ctid, buf, size);
  return 0;
}

static const storage_ops_t dir_ops = {
  .name = "dir",
  .create = dir_create,
  .mount = dir_mount,
  .umount = dir_umount,
  .destroy = dir_destroy,
  .is_mounted = dir_is_mounted,
  .tree_path = dir_tree_path,
};

int
storage_destroy_leftover (const node_config_t *node, int ctid, corral_error_t *err)
{
  char priv[400], img[420];

  storage_private_path (node, ctid, priv, sizeof priv);
  snprintf (img, sizeof img, "%s/" STORAGE_IMAGE_FILE, priv);
  return (access (img, F_OK) == 0 ? &storage_image_ops : &dir_ops)->destroy (node, ctid, err);
}

const storage_ops_t *
storage_ops (const char *layout)
{
  if (layout == NULL || *layout == '\0' || strcmp (layout, "dir") == 0 || strcmp (layout, "simfs") == 0)
    return &dir_ops;
  if (strcmp (layout, "image") == 0 || strcmp (layout, "ploop") == 0)
    return &storage_image_ops;
  return NULL;
}
