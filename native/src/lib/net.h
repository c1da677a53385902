/* CT networking: a node bridge with the gateway address, one veth pair per
   CT (host end <veth_prefix><CTID> on the bridge, "eth0" inside the CT's
   netns with the CT's addresses at the subnet's prefix length and a default
   route via the gateway), and nftables bridge rules so a CT can send only
   from its own MAC and addresses, and only to addresses in the node subnet.
   No NAT, nothing routed off the node.  A CT without addresses gets no veth
   at all (only loopback) until its first address is added live.  IPv6 from
   CTs is dropped.  */
#ifndef CORRAL_NET_H
#define CORRAL_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "error.h"
#include "node-config.h"

/* Bring the CT's network up: bridge (created if missing), veth, eth0
   inside the netns of CT_INIT_PID with IPS, anti-spoof rules.  A stale veth
   of the same CT is replaced.  IPS must lie in the node subnet.  */
int net_ct_up (const node_config_t *node, int ctid, pid_t ct_init_pid, const char *const *ips, size_t n_ips,
               corral_error_t *err);

/* Live ipadd/ipdel: make eth0's IPv4 addresses exactly IPS and update the
   anti-spoof set.  */
int net_ct_set_ips (const node_config_t *node, int ctid, pid_t ct_init_pid, const char *const *ips, size_t n_ips,
                    corral_error_t *err);

/* Delete the CT's veth and rules; succeeds if they are already gone.  */
int net_ct_down (const node_config_t *node, int ctid, corral_error_t *err);

/* 1 if IP is a valid host address in the node subnet and not the gateway.  */
int net_ip_in_subnet (const node_config_t *node, const char *ip);

/* Remove the node's bridge and nft tables (node teardown, tests).  */
int net_node_down (const node_config_t *node, corral_error_t *err);

/* --- pure helpers, exposed for unit tests -------------------------------- */

/* Host end name <veth_prefix><CTID>; fails if it exceeds IFNAMSIZ-1.  */
int net_veth_name (const node_config_t *node, int ctid, char *out, size_t len, corral_error_t *err);

/* The CT's eth0 MAC: locally administered 02:c7 + CTID (big endian), so
   the anti-spoof rule is known before the CT exists.  */
void net_ct_mac (int ctid, char out[18]);

/* Prefix length of the node subnet, or a negative value with ERR.  */
int net_prefix_len (const node_config_t *node, corral_error_t *err);

/* Validate IPS for a CT: each in the subnet, not the gateway, no duplicates.  */
int net_check_ips (const node_config_t *node, const char *const *ips, size_t n_ips, corral_error_t *err);

#endif
