/* Helpers shared by the template-*.c files; not part of the runtime's API.  */
#ifndef CORRAL_TEMPLATE_INTERNAL_H
#define CORRAL_TEMPLATE_INTERNAL_H

#include "template.h"

/* Cache suffixes, most preferred first; index matches template_formats.  */
extern const char *const template_suffixes[4];
extern const char *const template_formats[4];

/* Take <run_dir>/template-<name>.lock (non-blocking: exit 9 if held); returns the fd.  */
int template_lock (const node_config_t *node, const char *name, corral_error_t *err);
/* Release it and remove the lock file.  */
void template_unlock (const node_config_t *node, const char *name, int fd);

/* Move TMPFILE (in template_dir) into place as NAME's cache in FORMAT and
   write its metadata; other formats of NAME are removed afterwards.  */
int template_store (const node_config_t *node, const char *name, const char *tmpfile, const char *format,
                    const char *os, const char *init, corral_error_t *err);

/* rm -rf PATH without crossing mount points or following symlinks.  */
int template_rm_rf (const char *path);

/* Create DIR/NAME-XXXXXX (a fresh directory); PATH gets its path.  */
int template_mkdtemp (const char *dir, const char *name, char *path, size_t size, corral_error_t *err);

/* Write a whole file under a directory fd (O_NOFOLLOW, atomic via a temp name).  */
int template_write_at (int dirfd, const char *name, const char *content, mode_t mode, uid_t uid, gid_t gid,
                       corral_error_t *err);

/* Builders, called with the lock held; fill ROOTFS (an empty dir).  */
int template_build_busybox (const char *rootfs, template_progress_fn progress, void *data, corral_error_t *err);
int template_build_debian (const char *rootfs, const char *workdir, template_progress_fn progress, void *data,
                           char *init, size_t init_len, corral_error_t *err);

#endif
