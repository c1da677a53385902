/* Stand-in declarations for the network layer (src/lib/net.{h,c}, another
   engineer's) until it lands; delete with net-stub.c then.  */
#ifndef CORRAL_NET_STUB_H
#define CORRAL_NET_STUB_H

#include <stddef.h>
#include <sys/types.h>
#include "error.h"
#include "node-config.h"

int net_ct_up (const node_config_t *node, int ctid, pid_t ct_init_pid, const char *const *ips, size_t n_ips,
               corral_error_t *err);
int net_ct_down (const node_config_t *node, int ctid, corral_error_t *err);
int net_ct_set_ips (const node_config_t *node, int ctid, pid_t ct_init_pid, const char *const *ips, size_t n_ips,
                    corral_error_t *err);

#endif
