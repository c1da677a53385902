/* OS templates: compressed rootfs tarballs under <root>/template/ with a
   <name>.json beside each, and the files a CT's init reads (hostname,
   network, passwords) written from the host side.  */
#ifndef CORRAL_TEMPLATE_H
#define CORRAL_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "error.h"
#include "node-config.h"

typedef struct template_info_s
{
  char name[65];
  char path[400];       /* the cache file */
  char format[8];       /* "zstd" "gzip" "xz" "none" */
  char os[32];          /* "busybox" "debian-12" "imported" */
  char init[16];        /* "busybox" "systemd" "sysvinit" "unknown" */
  uint64_t size;        /* bytes of the cache file */
  int64_t created;      /* unix seconds */
} template_info_t;

/* ^[a-z0-9][a-z0-9._-]{0,63}$ */
bool template_name_valid (const char *name);

/* 1 if cache NAME exists, else 0.  */
int template_exists (const node_config_t *node, const char *name);

/* Fill INFO for NAME; exit 91 (EXIT_NOTEMPLATE) if there is none.  */
int template_info (const node_config_t *node, const char *name, template_info_t *info, corral_error_t *err);

/* All templates, sorted by name; free *OUT.  */
int template_list (const node_config_t *node, template_info_t **out, size_t *n, corral_error_t *err);

int template_remove (const node_config_t *node, const char *name, corral_error_t *err);

/* Extract cache NAME into DEST_DIR (existing, empty), adding UID_SHIFT and
   GID_SHIFT to every owner so the CT's root, mapped through a user namespace,
   owns its files (0 = no shift).  Owners at or above node->idmap_size are
   refused, they would land in another CT's range.  Setuid bits survive.  */
int template_extract (const node_config_t *node, const char *name, const char *dest_dir, uid_t uid_shift,
                      gid_t gid_shift, corral_error_t *err);

/* Write /etc/hostname, /etc/hosts, /etc/resolv.conf and the network config
   the template's init reads: /etc/network/interfaces (ifupdown, Debian) and
   /etc/corral/network (sourced by the busybox template's rcS).  The address
   list is applied with "replace" semantics so it is harmless when the host
   already configured eth0.  Files are written atomically with the owner of
   ROOTFS's /etc, so they belong to the CT's root.  Never follows a symlink
   planted by the CT out of ROOTFS.  */
/* /etc/resolv.conf: the nameserver lines from NAMESERVERS (when N_NS > 0)
   and a search line from SEARCH (space-separated; NULL or "" = none),
   other lines kept.  Nothing is written when both are empty.  */
int template_write_resolv (const char *rootfs, const char *const *nameservers, size_t n_ns, const char *search,
                           corral_error_t *err);

int template_write_ct_files (const char *rootfs, const char *hostname, const char *const *ips, size_t n_ips,
                             const char *gateway, int prefix_len, const char *const *nameservers, size_t n_ns,
                             corral_error_t *err);

/* Set USER's password in ROOTFS/etc/shadow (SHA-512 crypt, random salt),
   without running anything from the CT.  */
int template_set_password (const char *rootfs, const char *user, const char *password, corral_error_t *err);

/* --- used by `corralctl template` ---------------------------------------- */

/* Build "busybox" or "debian-12" into the cache, atomically.  PROGRESS
   (may be NULL) is called with one-line status text.  */
typedef void (*template_progress_fn) (const char *line, void *data);
int template_build (const node_config_t *node, const char *os, template_progress_fn progress, void *data,
                    corral_error_t *err);

/* Validate FILE and copy it into the cache as NAME (exit 21 naming the bad
   member; nothing is written then).  */
int template_import (const node_config_t *node, const char *file, const char *name, corral_error_t *err);

#endif
