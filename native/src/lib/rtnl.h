/* Minimal rtnetlink: the few link, address and route operations a CT start
   needs, without exec'ing ip(8) (each exec costs milliseconds).  Each call
   sends one request and waits for its ack; the socket works in the network
   namespace it was opened in.  */
#ifndef CORRAL_RTNL_H
#define CORRAL_RTNL_H

#include <stdbool.h>
#include <stdint.h>
#include "error.h"

int rtnl_open (corral_error_t *err);

/* A veth pair: NAME here, enslaved to MASTER (ifindex, 0 = none) and up;
   PEER created directly in the netns NETNS_FD with MAC (6 bytes).  */
int rtnl_veth_add (int fd, const char *name, int master, const char *peer, const uint8_t mac[6], int netns_fd,
                   corral_error_t *err);

int rtnl_link_del (int fd, int ifindex, corral_error_t *err);
int rtnl_link_up (int fd, int ifindex, corral_error_t *err);

/* ADDR (host order) / PREFIX on IFINDEX: add-or-replace, or delete.  */
int rtnl_addr_replace (int fd, int ifindex, uint32_t addr, int prefix, corral_error_t *err);
int rtnl_addr_del (int fd, int ifindex, uint32_t addr, int prefix, corral_error_t *err);

/* default via GW dev IFINDEX onlink, replacing any default route.  */
int rtnl_route_default (int fd, int ifindex, uint32_t gw, corral_error_t *err);

#endif
