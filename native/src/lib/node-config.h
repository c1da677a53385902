/* The node config: everything two nodes on one machine must not share.
   Read from $CORRAL_ROOT/node.conf (KEY=value lines, vz.conf style); every
   key has a default so a fresh node works with no file at all.  */
#ifndef CORRAL_NODE_CONFIG_H
#define CORRAL_NODE_CONFIG_H

#include <stdint.h>
#include <sys/types.h>
#include "error.h"

typedef struct node_config_s
{
  char root[256];          /* CORRAL_ROOT, default /var/lib/corral */
  char bridge[16];         /* BRIDGE, default corralbr0 */
  char subnet[64];         /* SUBNET (CIDR), default 10.77.0.0/24 */
  char gateway[64];        /* GATEWAY (address on the bridge), default first host of SUBNET */
  char cgroup_parent[128]; /* CGROUP_PARENT, default corral (relative to each hierarchy root) */
  uint32_t idmap_base;     /* IDMAP_BASE, default 100000000: CT N maps root to base + N * IDMAP_SIZE */
  uint32_t idmap_size;     /* IDMAP_SIZE, default 65536 */
  char veth_prefix[8];     /* VETH_PREFIX, default "cv": host ends are <prefix><CTID> */
  int stop_timeout;        /* STOP_TIMEOUT seconds, default 60 */
  int image_dio_delay;     /* IMAGE_DIRECT_IO_DELAY seconds after a boot, default 30 (storage.h, booted) */
  /* Derived paths under root: */
  char conf_dir[300];      /* <root>/conf        CT configs <CTID>.conf */
  char private_dir[300];   /* <root>/private     CT private areas / images */
  char ct_root_dir[300];   /* <root>/root        mount points while mounted */
  char template_dir[300];  /* <root>/template    template caches <name>.tar.xz|.tar.gz|.tar */
  char run_dir[300];       /* <root>/run         monitor sockets, pid files, locks */
} node_config_t;

/* Load the node config for ROOT (NULL = $CORRAL_ROOT or the default) and
   create the directories it names.  */
int node_config_load (node_config_t *cfg, const char *root, corral_error_t *err);

#endif
