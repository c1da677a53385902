/* The per-CT config, $CORRAL_ROOT/conf/<CTID>.conf, in vzctl's ctid.conf(5)
   format.  Values are kept as validated strings; sizes are bytes.  */
#ifndef CORRAL_CT_CONFIG_H
#define CORRAL_CT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "node-config.h"

#define CT_MAX_IPS 32
#define CT_MAX_NS 8
/* glibc's resolver reads at most 6 search domains (MAXDNSRCH) in 256 bytes.  */
#define CT_MAX_SEARCH 6
#define CT_SEARCH_LEN 256

typedef struct ct_config_s
{
  int ctid;
  char hostname[254];
  char ostemplate[128];
  char ips[CT_MAX_IPS][16];
  size_t n_ips;
  char nameservers[CT_MAX_NS][16];
  size_t n_nameservers;
  char searchdomain[CT_SEARCH_LEN];  /* vzctl SEARCHDOMAIN: space-separated */
  uint64_t ram, swap, diskspace;     /* bytes, 0 = unset */
  bool onboot, disabled;
  char name[64];
  char description[256];
  char layout[16];                   /* "dir" (default) or "image" later */
  /* Resource limits (limits.h); 0 = unset unless noted.  */
  uint64_t diskinodes;               /* inode count of the image (mkfs -N) */
  uint64_t numproc, numpty;          /* items, UINT64_MAX = unlimited */
  unsigned cpuunits, cpulimit, cpus; /* weight; % of one CPU; CPU count */
  char cpumask[128];                 /* cpuset list or "all" */
  int ioprio;                        /* 0..7, -1 = unset */
  uint64_t iolimit, iopslimit;       /* bytes/s, ops/s */
} ct_config_t;

void ct_config_init (ct_config_t *ct, int ctid);
int ct_config_path (const node_config_t *node, int ctid, char *buf, size_t size);
bool ct_config_exists (const node_config_t *node, int ctid);

/* Fails with EXIT_NOTFOUND when the CT has no config.  */
int ct_config_load (const node_config_t *node, int ctid, ct_config_t *ct, corral_error_t *err);
int ct_config_save (const node_config_t *node, const ct_config_t *ct, corral_error_t *err);

int ct_config_add_ip (ct_config_t *ct, const char *ip, corral_error_t *err);
bool ct_config_del_ip (ct_config_t *ct, const char *ip);
int ct_config_add_nameserver (ct_config_t *ct, const char *ip, corral_error_t *err);
/* Replace the search domains with DOMAINS (each a DNS name; at most
   CT_MAX_SEARCH, joined shorter than CT_SEARCH_LEN).  Nothing changes on
   a bad one.  */
int ct_config_set_searchdomains (ct_config_t *ct, const char *const *domains, size_t n, corral_error_t *err);

/* IP must be inside the node subnet, not the gateway, and not used by
   any other CT on this node.  */
int ct_config_check_ip (const node_config_t *node, int ctid, const char *ip, corral_error_t *err);

/* Host ID CT root maps to: IDMAP_BASE + CTID * IDMAP_SIZE.  Fails (exit 21)
   when the range would not fit in 32-bit IDs, which bounds usable CTIDs
   below vzctl's 2147483644 for a given IDMAP_SIZE.  */
int ct_config_id_base (const node_config_t *node, int ctid, uint32_t *base, corral_error_t *err);

#endif
