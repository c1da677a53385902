/* Validation of rootfs tarballs before anything of them lands on disk
   (`template import`), and per-member checks reused by extraction.  */
#ifndef CORRAL_TAR_CHECK_H
#define CORRAL_TAR_CHECK_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include "error.h"

/* What a full scan learnt about the archive.  */
typedef struct tar_check_info_s
{
  char filter[8];       /* "none" "gzip" "xz" "zstd" */
  char init[16];        /* "busybox" "systemd" "sysvinit" "unknown": what /sbin/init is */
  uint64_t members;
  uint64_t bytes;       /* sum of regular file sizes */
} tar_check_info_t;

/* Member kinds tar_check_member() understands (libarchive's AE_IF* values
   are mapped onto these so unit tests need no libarchive).  */
enum tar_member_kind
{
  TAR_REG, TAR_DIR, TAR_SYMLINK, TAR_HARDLINK, TAR_FIFO, TAR_CHR, TAR_BLK, TAR_OTHER
};

/* Normalise a member path: drop leading "./" and "/" (for the check only),
   collapse "//" and "." components.  Returns false if it is absolute or has a
   ".." component.  OUT gets the normalised path ("" for the root).  */
bool tar_path_normalize (const char *path, char *out, size_t out_len, bool *absolute);

/* Would symlink TARGET, stored at member PATH, point outside the root when
   resolved relative to PATH's directory?  Absolute targets are resolved in
   the CT's root at run time, so they do not escape.  */
bool tar_symlink_escapes (const char *path, const char *target);

struct archive;
struct archive_entry;

/* A libarchive reader for rootfs tarballs: tar/gnutar, gzip/xz/zstd or
   none.  NULL when out of memory.  Call archive_dl_load first.  */
struct archive *tar_reader_new (void);

/* An entry's kind (its hardlink target first: libarchive reports a hard
   link with its target's file type).  */
enum tar_member_kind tar_entry_kind (struct archive_entry *e);

/* The stateful checker: one per archive scan.  */
typedef struct tar_checker_s tar_checker_t;

tar_checker_t *tar_checker_new (uint32_t max_id);
void tar_checker_free (tar_checker_t *c);

/* Check one member; LINK is the symlink target or hard link target (or NULL).
   Returns 0 or a negative value with ERR (exit 21) naming the member.  */
int tar_check_member (tar_checker_t *c, const char *path, enum tar_member_kind kind,
                      const char *link, int64_t uid, int64_t gid, corral_error_t *err);

/* Scan the whole archive at FILE (tar, optionally gzip/xz/zstd): every member
   must pass tar_check_member and no uid/gid may reach MAX_ID.  */
int tar_check_file (const char *file, uint32_t max_id, tar_check_info_t *info, corral_error_t *err);

#endif
