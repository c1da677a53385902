/* No-op network layer so the tree builds before src/lib/net.c lands: a CT
   then gets only loopback.  Compiles to nothing once net.c exists; delete
   this file and net-stub.h then.  */
#if !__has_include("net.c")
#include "net-stub.h"

int
net_ct_up (const node_config_t *node, int ctid, pid_t ct_init_pid, const char *const *ips, size_t n_ips,
           corral_error_t *err)
{
  (void) node; (void) ctid; (void) ct_init_pid; (void) ips; (void) n_ips; (void) err;
  return 0;
}

int
net_ct_down (const node_config_t *node, int ctid, corral_error_t *err)
{
  (void) node; (void) ctid; (void) err;
  return 0;
}

int
net_ct_set_ips (const node_config_t *node, int ctid, pid_t ct_init_pid, const char *const *ips, size_t n_ips,
                corral_error_t *err)
{
  (void) node; (void) ctid; (void) ct_init_pid; (void) ips; (void) n_ips; (void) err;
  return 0;
}
#else
typedef int net_stub_unused_t;
#endif
