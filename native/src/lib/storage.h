/* Where a CT's files live.  Each layout fills one table of operations, so
   the ext4-image-on-loop layout can be added without touching callers.  */
#ifndef CORRAL_STORAGE_H
#define CORRAL_STORAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ct-config.h"
#include "error.h"
#include "node-config.h"

typedef struct storage_ops_s
{
  const char *name;
  /* Make an empty private area ready to receive a template (at
     tree_path); CT gives the size and inode count where the layout has
     them (DISKSPACE, DISKINODES).  */
  int (*create) (const node_config_t *node, const ct_config_t *ct, corral_error_t *err);
  /* Make the private area visible at the CT root (root/<CTID>).  */
  int (*mount) (const node_config_t *node, int ctid, corral_error_t *err);
  int (*umount) (const node_config_t *node, int ctid, corral_error_t *err);
  int (*destroy) (const node_config_t *node, int ctid, corral_error_t *err);
  bool (*is_mounted) (const node_config_t *node, int ctid);
  /* The directory a template is extracted into right after create.  */
  int (*tree_path) (const node_config_t *node, int ctid, char *buf, size_t size);
  /* Change the disk size (--diskspace); NULL when the layout has no size.
     Growing works mounted; shrinking needs the CT stopped.  */
  int (*resize) (const node_config_t *node, int ctid, uint64_t bytes, corral_error_t *err);
  /* The CT booted DELAY seconds ago (node IMAGE_DIRECT_IO_DELAY): I/O
     may change mode.  The image layout attaches its loop device with
     buffered I/O, so a boot reads what the last one left in the host's
     cache of root.img, and switches it to direct I/O here, so a running
     CT's pages are cached once, in its own ext4, not a second time in
     the host's cache.  NULL when the layout has nothing to do; best
     effort.  */
  void (*booted) (const node_config_t *node, int ctid);
  /* mount takes milliseconds (a loop device and a filesystem to mount):
     the monitor runs it beside the rest of the start.  */
  bool slow_mount;
} storage_ops_t;

/* NULL when LAYOUT is unknown.  */
const storage_ops_t *storage_ops (const char *layout);

/* "image" where loop devices and mkfs.ext4 work, else "dir" (or
   $CORRAL_DEFAULT_LAYOUT).  */
const char *storage_default_layout (void);

extern const storage_ops_t storage_image_ops;

#define STORAGE_IMAGE_DEFAULT_SIZE (2ULL << 30) /* vzctl's sample: DISKSPACE 2G */
/* The image layout's file in private/<CTID>.  */
#define STORAGE_IMAGE_FILE "root.img"

/* Size in bytes of CTID's image, 0 when it has none.  */
uint64_t storage_image_size (const node_config_t *node, int ctid);

/* Online ext4 grow (resize2fs on the mounted image) needs CAP_SYS_RESOURCE.  */
bool storage_image_can_grow_online (void);

void storage_private_path (const node_config_t *node, int ctid, char *buf, size_t size);
void storage_root_path (const node_config_t *node, int ctid, char *buf, size_t size);

/* rm -rf that never crosses into another filesystem (a CT tree may hold
   mount points while something went wrong).  */
int storage_remove_tree (const char *path, corral_error_t *err);

/* Remove the private area a create killed midway left (no config names
   its layout: an image's where it holds one, else a directory's), with
   its mount and loop device.  */
int storage_destroy_leftover (const node_config_t *node, int ctid, corral_error_t *err);

/* The just-mounted CT root made private (undone on failure), so the CT's
   own mounts never propagate back to the host.  */
int storage_make_private (const char *root, corral_error_t *err);

/* A layout's destroy: UMOUNT (the layout's own), then the private area
   with everything in it (the image file too).  */
int storage_destroy_private (const node_config_t *node, int ctid,
                             int (*umount) (const node_config_t *, int, corral_error_t *), corral_error_t *err);

#endif
