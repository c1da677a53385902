/* Where a CT's files live.  Each layout fills one table of operations, so
   the ext4-image-on-loop layout can be added without touching callers.  */
#ifndef CORRAL_STORAGE_H
#define CORRAL_STORAGE_H

#include <stdbool.h>
#include <stddef.h>
#include "error.h"
#include "node-config.h"

typedef struct storage_ops_s
{
  const char *name;
  /* Make an empty private area ready to receive a template.  */
  int (*create) (const node_config_t *node, int ctid, corral_error_t *err);
  /* Make the private area visible at the CT root (root/<CTID>).  */
  int (*mount) (const node_config_t *node, int ctid, corral_error_t *err);
  int (*umount) (const node_config_t *node, int ctid, corral_error_t *err);
  int (*destroy) (const node_config_t *node, int ctid, corral_error_t *err);
  bool (*is_mounted) (const node_config_t *node, int ctid);
  /* The directory a template is extracted into right after create.  */
  int (*tree_path) (const node_config_t *node, int ctid, char *buf, size_t size);
} storage_ops_t;

/* NULL when LAYOUT is unknown.  */
const storage_ops_t *storage_ops (const char *layout);

void storage_private_path (const node_config_t *node, int ctid, char *buf, size_t size);
void storage_root_path (const node_config_t *node, int ctid, char *buf, size_t size);

/* rm -rf that never crosses into another filesystem (a CT tree may hold
   mount points while something went wrong).  */
int storage_remove_tree (const char *path, corral_error_t *err);

#endif
