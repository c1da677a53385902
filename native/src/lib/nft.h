/* The nftables side of CT networking.  One bridge-family table per node,
   corral_<bridge>, set up once by an nft(8) script (nft_script_node):
     set ct_port  { ifname }                the host ends of running CTs' veths
     set ct_mac   { ifname . ether_addr }   each port's one MAC
     set ct_ip4   { ifname . ipv4_addr }    each port's addresses
     chain prerouting (hook prerouting)     <veth_prefix>* ports jump to guard;
                                            everything else (other bridges) passes
     chain guard                            drops a port not in ct_port (fail
                                            closed), any other MAC, ARP or IPv4
                                            from addresses not the port's, IPv4
                                            outside the node subnet (nothing
                                            leaves the node through the host),
                                            and every other protocol
   A CT start, address change and stop only add or delete its elements, in
   one nfnetlink transaction (nft-elems.c).  The table is all there is:
   deleting it (net_node_down) removes every rule.  */
#ifndef CORRAL_NFT_H
#define CORRAL_NFT_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "node-config.h"

#define NFT_SET_PORT "ct_port"
#define NFT_SET_MAC "ct_mac"
#define NFT_SET_IP4 "ct_ip4"
#define NFT_CHAIN_GUARD "guard"

/* corral_<bridge> with characters nft dislikes replaced by '_'.  */
void nft_table_name (const node_config_t *node, char *out, size_t len);

/* Scripts (returned in BUF) for nft -f -.  Return 0, or -1 if BUF is too small.  */
int nft_script_node (const node_config_t *node, char *buf, size_t len);
int nft_script_node_down (const node_config_t *node, char *buf, size_t len);

/* Run nft -f - with SCRIPT.  */
int nft_apply (const char *script, corral_error_t *err);

/* Port VETH with MAC and exactly the addresses IPS, in one transaction
   (addresses it no longer has go in the same one).  A missing table or
   set fails with errnum ENOENT: apply nft_script_node, then retry.  */
int nft_elems_ct_set (const node_config_t *node, const char *veth, const uint8_t mac[6], const char *const *ips,
                      size_t n_ips, corral_error_t *err);
/* Every element of port VETH, in one transaction; none (or no table) is
   not an error.  */
int nft_elems_ct_del (const node_config_t *node, const char *veth, corral_error_t *err);

#endif
