/* template_extract: unpack a cache into a CT's private area with its owners
   shifted into the CT's user-namespace range.  */
#include "template-internal.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "archive-dl.h"
#include "tar-check.h"

/* libarchive writes relative to the cwd, so the extraction chdir()s into
   DEST and back; the SECURE_* flags refuse to write through symlinks or
   outside DEST even if a check above were missed.  Xattrs are dropped:
   host-written file capabilities mean nothing in the CT's user namespace.  */
#define EXTRACT_FLAGS                                                                             \
  (ARCHIVE_EXTRACT_OWNER | ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_SECURE_SYMLINKS \
   | ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS | ARCHIVE_EXTRACT_NO_OVERWRITE)

int
template_extract (const node_config_t *node, const char *name, const char *dest_dir, uid_t uid_shift,
                  gid_t gid_shift, corral_error_t *err)
{
  template_info_t info;
  struct archive_entry *e;
  int ret, r, cwd = -1;
  struct archive *in = NULL, *out = NULL;
  tar_checker_t *chk = NULL;
  time_t start = time (NULL), last = start;
  uint64_t members = 0;
  bool shown = false;

  if ((ret = template_info (node, name, &info, err)) < 0)
    return ret;
  if ((uint64_t) uid_shift + node->idmap_size > UINT32_MAX || (uint64_t) gid_shift + node->idmap_size > UINT32_MAX)
    return corral_error (err, EXIT_BADVALUE, 0, "extract template `%s`: id shift %u:%u too large", name,
                         (unsigned) uid_shift, (unsigned) gid_shift);
  if (archive_dl_load (err) < 0)
    return -1;
  cwd = open (".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (cwd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "open the current directory");
  in = tar_reader_new ();
  out = archive_write_disk_new ();
  chk = tar_checker_new (node->idmap_size);
  if (!in || !out || !chk)
    {
      ret = corral_error (err, EXIT_SYSTEM, ENOMEM, "extract template `%s`", name);
      goto out;
    }
  archive_write_disk_set_options (out, EXTRACT_FLAGS);
  if (archive_read_open_filename (in, info.path, 1 << 17) != ARCHIVE_OK)
    {
      ret = corral_error (err, EXIT_SYSTEM, archive_errno (in) > 0 ? archive_errno (in) : 0, "open `%s`: %s",
                          info.path, archive_error_string (in));
      goto out;
    }
  if (chdir (dest_dir) < 0)
    {
      ret = corral_error (err, EXIT_SYSTEM, errno, "enter `%s`", dest_dir);
      goto out;
    }
  while ((r = archive_read_next_header (in, &e)) == ARCHIVE_OK)
    {
      const char *path = archive_entry_pathname (e);
      enum tar_member_kind kind = tar_entry_kind (e);
      const char *link = kind == TAR_HARDLINK ? archive_entry_hardlink (e) : archive_entry_symlink (e);
      /* The cache was checked when it was made; checking again costs little
         and keeps a tampered cache from writing outside DEST.  */
      if ((ret = tar_check_member (chk, path ? path : "", kind, link, archive_entry_uid (e), archive_entry_gid (e),
                                   err)) < 0)
        goto out;
      archive_entry_set_uid (e, archive_entry_uid (e) + uid_shift);
      archive_entry_set_gid (e, archive_entry_gid (e) + gid_shift);
      archive_entry_set_uname (e, NULL);
      archive_entry_set_gname (e, NULL);
      /* Owner before mode: libarchive chowns then chmods, so setuid bits
         that chown() clears are put back.  */
      r = archive_write_header (out, e);
      if (r == ARCHIVE_OK && archive_entry_size (e) > 0)
        {
          const void *buf;
          size_t len;
          la_int64_t off;
          int rr;
          while ((rr = archive_read_data_block (in, &buf, &len, &off)) == ARCHIVE_OK)
            if (archive_write_data_block (out, buf, len, off) != ARCHIVE_OK)
              {
                r = ARCHIVE_FATAL;
                break;
              }
          if (rr != ARCHIVE_EOF && rr != ARCHIVE_OK)
            {
              ret = corral_error (err, EXIT_SYSTEM, 0, "read `%s` from `%s`: %s", path, info.path,
                                  archive_error_string (in));
              goto out;
            }
        }
      if (r == ARCHIVE_OK)
        r = archive_write_finish_entry (out);
      if (r != ARCHIVE_OK)
        {
          ret = corral_error (err, EXIT_SYSTEM, archive_errno (out) > 0 ? archive_errno (out) : 0,
                              "write `%s` in `%s`: %s", path, dest_dir, archive_error_string (out));
          goto out;
        }
      members++;
      /* Progress only when it takes long (a Debian cache), on a terminal.  */
      if ((members & 255) == 0 && isatty (2) && time (NULL) != last && time (NULL) - start >= 2)
        {
          last = time (NULL);
          fprintf (stderr, "\r\033[Kextracting template %s: %llu files [%lds]", name, (unsigned long long) members,
                   (long) (last - start));
          shown = true;
        }
    }
  if (r != ARCHIVE_EOF)
    {
      ret = corral_error (err, EXIT_SYSTEM, 0, "read `%s`: %s", info.path, archive_error_string (in));
      goto out;
    }
  /* Directory times and modes are fixed up at close.  */
  if (archive_write_close (out) != ARCHIVE_OK)
    ret = corral_error (err, EXIT_SYSTEM, 0, "finish extracting into `%s`: %s", dest_dir, archive_error_string (out));
out:
  if (shown)
    fputs ("\r\033[K", stderr);
  if (cwd >= 0)
    {
      if (fchdir (cwd) < 0 && ret == 0)
        ret = corral_error (err, EXIT_SYSTEM, errno, "return to the previous directory");
      close (cwd);
    }
  if (in)
    archive_read_free (in);
  if (out)
    archive_write_free (out);
  tar_checker_free (chk);
  return ret;
}
