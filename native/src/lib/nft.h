/* The nftables side of CT networking, as nft(8) scripts applied in one
   transaction each.  One bridge-family table per node, corral_<bridge>:
     map ports     { ifname : verdict }  veth host end -> jump ct_<CTID>
     chain prerouting (hook prerouting)  ports in the map jump to their CT's
                                         chain; other <veth_prefix>* ports drop;
                                         everything else (other bridges) passes
     set ct_<CTID>_ip4, chain ct_<CTID>  the CT's MAC and addresses only, and
                                         IPv4 only to the node subnet, so
                                         nothing leaves the node through the host
   The table is all there is: deleting it (net_node_down) removes every rule.  */
#ifndef CORRAL_NFT_H
#define CORRAL_NFT_H

#include <stddef.h>
#include "error.h"
#include "node-config.h"

/* corral_<bridge> with characters nft dislikes replaced by '_'.  */
void nft_table_name (const node_config_t *node, char *out, size_t len);

/* Scripts (returned in BUF) for nft -f -.  Return 0, or -1 if BUF is too small.  */
int nft_script_ct_up (const node_config_t *node, int ctid, const char *veth, const char *mac,
                      const char *const *ips, size_t n_ips, char *buf, size_t len);
int nft_script_ct_ips (const node_config_t *node, int ctid, const char *const *ips, size_t n_ips, char *buf,
                       size_t len);
int nft_script_ct_down (const node_config_t *node, int ctid, const char *veth, char *buf, size_t len);
int nft_script_node_down (const node_config_t *node, char *buf, size_t len);

/* Run nft -f - with SCRIPT.  */
int nft_apply (const char *script, corral_error_t *err);

#endif
