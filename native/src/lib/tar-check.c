/* Rootfs tarball validation.  Rules (issue 3): no absolute member paths, no
   ".." components, no device nodes, no links that escape the root, no member
   below a symlink member (extraction would follow it onto the host), hard
   links only to earlier regular members, no unknown types, and ids inside the
   CT's user-namespace range.  */
#include "tar-check.h"
#include "archive-dl.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct tar_checker_s
{
  uint32_t max_id;
  char **regular;        /* open-addressing hash set of regular member paths */
  size_t reg_cap, reg_n;
  char **symlinks;       /* symlink member paths, in order */
  size_t sym_cap, sym_n;
};

bool
tar_path_normalize (const char *path, char *out, size_t out_len, bool *absolute)
{
  size_t o = 0;
  const char *p = path;

  *absolute = (*p == '/');
  out[0] = '\0';
  while (*p)
    {
      while (*p == '/')
        p++;
      const char *end = strchrnul (p, '/');
      size_t len = end - p;
      if (len == 0)
        break;
      if (len == 2 && p[0] == '.' && p[1] == '.')
        return false;
      if (!(len == 1 && p[0] == '.'))
        {
          if (o + len + 2 > out_len)
            return false;
          if (o)
            out[o++] = '/';
          memcpy (out + o, p, len);
          o += len;
          out[o] = '\0';
        }
      p = end;
    }
  return !*absolute;
}

bool
tar_symlink_escapes (const char *path, const char *target)
{
  if (target[0] == '/')
    return false;
  /* Depth of the directory holding PATH (already normalised).  */
  int depth = 0;
  for (const char *s = path; *s; s++)
    if (*s == '/')
      depth++;
  const char *p = target;
  while (*p)
    {
      while (*p == '/')
        p++;
      const char *end = strchrnul (p, '/');
      size_t len = end - p;
      if (len == 2 && p[0] == '.' && p[1] == '.')
        {
          if (--depth < 0)
            return true;
        }
      else if (len > 0 && !(len == 1 && p[0] == '.'))
        depth++;
      p = end;
    }
  return false;
}

static uint64_t
hash_str (const char *s)
{
  uint64_t h = 1469598103934665603ULL;
  while (*s)
    h = (h ^ (unsigned char) *s++) * 1099511628211ULL;
  return h;
}

static bool
regular_has (const tar_checker_t *c, const char *path)
{
  if (!c->reg_cap)
    return false;
  for (size_t i = hash_str (path) & (c->reg_cap - 1); c->regular[i]; i = (i + 1) & (c->reg_cap - 1))
    if (strcmp (c->regular[i], path) == 0)
      return true;
  return false;
}

static int
regular_add (tar_checker_t *c, const char *path)
{
  if (regular_has (c, path))
    return 0;
  if ((c->reg_n + 1) * 2 > c->reg_cap)
    {
      size_t ncap = c->reg_cap ? c->reg_cap * 2 : 1024;
      char **n = calloc (ncap, sizeof *n);
      if (!n)
        return -1;
      for (size_t i = 0; i < c->reg_cap; i++)
        if (c->regular[i])
          {
            size_t j = hash_str (c->regular[i]) & (ncap - 1);
            while (n[j])
              j = (j + 1) & (ncap - 1);
            n[j] = c->regular[i];
          }
      free (c->regular);
      c->regular = n;
      c->reg_cap = ncap;
    }
  size_t j = hash_str (path) & (c->reg_cap - 1);
  while (c->regular[j])
    j = (j + 1) & (c->reg_cap - 1);
  if (!(c->regular[j] = strdup (path)))
    return -1;
  c->reg_n++;
  return 0;
}

tar_checker_t *
tar_checker_new (uint32_t max_id)
{
  tar_checker_t *c = calloc (1, sizeof *c);
  if (c)
    c->max_id = max_id;
  return c;
}

void
tar_checker_free (tar_checker_t *c)
{
  if (!c)
    return;
  for (size_t i = 0; i < c->reg_cap; i++)
    free (c->regular[i]);
  for (size_t i = 0; i < c->sym_n; i++)
    free (c->symlinks[i]);
  free (c->regular);
  free (c->symlinks);
  free (c);
}

static const char *
below_symlink (const tar_checker_t *c, const char *path)
{
  for (size_t i = 0; i < c->sym_n; i++)
    {
      size_t l = strlen (c->symlinks[i]);
      if (strncmp (path, c->symlinks[i], l) == 0 && path[l] == '/')
        return c->symlinks[i];
    }
  return NULL;
}

#define BAD(...) corral_error_code (err, EXIT_BADVALUE, 0, "bad_template", __VA_ARGS__)

int
tar_check_member (tar_checker_t *c, const char *path, enum tar_member_kind kind,
                  const char *link, int64_t uid, int64_t gid, corral_error_t *err)
{
  char norm[4096];
  bool absolute;
  const char *sym;

  if (!tar_path_normalize (path, norm, sizeof norm, &absolute))
    return absolute ? BAD ("reject member `%s`: absolute path", path)
                    : BAD ("reject member `%s`: `..` component or path too long", path);
  if ((sym = below_symlink (c, norm)))
    return BAD ("reject member `%s`: it lies below symlink member `%s`", path, sym);
  if (uid < 0 || gid < 0 || uid >= c->max_id || gid >= c->max_id)
    return BAD ("reject member `%s`: owner %lld:%lld outside the CT id range 0-%u", path,
                (long long) uid, (long long) gid, c->max_id - 1);

  switch (kind)
    {
    case TAR_DIR:
    case TAR_FIFO:
      return 0;
    case TAR_REG:
      if (regular_add (c, norm) < 0)
        return corral_error (err, EXIT_SYSTEM, ENOMEM, "check member `%s`", path);
      return 0;
    case TAR_SYMLINK:
      if (!link || !*link)
        return BAD ("reject member `%s`: empty symlink target", path);
      if (tar_symlink_escapes (norm, link))
        return BAD ("reject member `%s`: symlink to `%s` escapes the root", path, link);
      if (c->sym_n == c->sym_cap)
        {
          size_t ncap = c->sym_cap ? c->sym_cap * 2 : 64;
          char **n = realloc (c->symlinks, ncap * sizeof *n);
          if (!n)
            return corral_error (err, EXIT_SYSTEM, ENOMEM, "check member `%s`", path);
          c->symlinks = n;
          c->sym_cap = ncap;
        }
      if (!(c->symlinks[c->sym_n] = strdup (norm)))
        return corral_error (err, EXIT_SYSTEM, ENOMEM, "check member `%s`", path);
      c->sym_n++;
      return 0;
    case TAR_HARDLINK:
      {
        char tnorm[4096];
        bool tabs;
        if (!link || !tar_path_normalize (link, tnorm, sizeof tnorm, &tabs))
          return BAD ("reject member `%s`: hard link to `%s` escapes the root", path, link ? link : "");
        /* link(2) would follow a symlink in the target's directories, so the
           target must be a regular member seen before, never a path through
           one of the archive's symlinks.  */
        if (!regular_has (c, tnorm))
          return BAD ("reject member `%s`: hard link to `%s`, which is not an earlier regular member",
                      path, link);
        return 0;
      }
    case TAR_CHR:
    case TAR_BLK:
      return BAD ("reject member `%s`: device node", path);
    default:
      return BAD ("reject member `%s`: unsupported entry type", path);
    }
}

enum tar_member_kind
tar_entry_kind (struct archive_entry *e)
{
  if (archive_entry_hardlink (e))
    return TAR_HARDLINK;
  switch (archive_entry_filetype (e))
    {
    case AE_IFREG: return TAR_REG;
    case AE_IFDIR: return TAR_DIR;
    case AE_IFLNK: return TAR_SYMLINK;
    case AE_IFIFO: return TAR_FIFO;
    case AE_IFCHR: return TAR_CHR;
    case AE_IFBLK: return TAR_BLK;
    default: return TAR_OTHER;
    }
}

struct archive *
tar_reader_new (void)
{
  struct archive *a = archive_read_new ();
  if (a == NULL)
    return NULL;
  archive_read_support_format_tar (a);
  archive_read_support_format_gnutar (a);
  archive_read_support_filter_gzip (a);
  archive_read_support_filter_xz (a);
  archive_read_support_filter_zstd (a);
  return a;
}

static void
note_init (tar_check_info_t *info, const char *norm, enum tar_member_kind kind, const char *link)
{
  if (strcmp (norm, "sbin/init") != 0 && strcmp (norm, "usr/sbin/init") != 0)
    return;
  if (kind == TAR_SYMLINK && strstr (link, "busybox"))
    snprintf (info->init, sizeof info->init, "busybox");
  else if (kind == TAR_SYMLINK && strstr (link, "systemd"))
    snprintf (info->init, sizeof info->init, "systemd");
  else if (kind == TAR_REG || kind == TAR_HARDLINK)
    snprintf (info->init, sizeof info->init, "sysvinit");
}

int
tar_check_file (const char *file, uint32_t max_id, tar_check_info_t *info, corral_error_t *err)
{
  tar_check_info_t local;
  struct archive_entry *e;
  int ret = 0, r;

  if (!info)
    info = &local;
  memset (info, 0, sizeof *info);
  snprintf (info->init, sizeof info->init, "unknown");
  if (archive_dl_load (err) < 0)
    return -1;

  struct archive *a = tar_reader_new ();
  tar_checker_t *c = tar_checker_new (max_id);
  if (!a || !c)
    {
      ret = corral_error (err, EXIT_SYSTEM, ENOMEM, "check `%s`", file);
      goto out;
    }
  if (archive_read_open_filename (a, file, 1 << 16) != ARCHIVE_OK)
    {
      ret = corral_error_code (err, EXIT_BADVALUE, archive_errno (a) > 0 ? archive_errno (a) : 0,
                               "bad_template", "open archive `%s`: %s", file, archive_error_string (a));
      goto out;
    }
  while ((r = archive_read_next_header (a, &e)) == ARCHIVE_OK)
    {
      const char *path = archive_entry_pathname (e);
      enum tar_member_kind kind = tar_entry_kind (e);
      const char *link = kind == TAR_HARDLINK ? archive_entry_hardlink (e) : archive_entry_symlink (e);
      if (!path)
        {
          ret = BAD ("reject member %llu of `%s`: no path", (unsigned long long) info->members, file);
          goto out;
        }
      if ((ret = tar_check_member (c, path, kind, link, archive_entry_uid (e), archive_entry_gid (e), err)) < 0)
        goto out;
      char norm[4096];
      bool abs;
      tar_path_normalize (path, norm, sizeof norm, &abs);
      note_init (info, norm, kind, link);
      info->members++;
      if (kind == TAR_REG)
        info->bytes += archive_entry_size (e);
      /* Reading through the data also checks the compressed stream.  */
      if (archive_read_data_skip (a) != ARCHIVE_OK)
        {
          ret = BAD ("read member `%s` of `%s`: %s", path, file, archive_error_string (a));
          goto out;
        }
    }
  if (r != ARCHIVE_EOF)
    {
      ret = BAD ("read archive `%s`: %s", file, archive_error_string (a));
      goto out;
    }
  if (info->members == 0)
    {
      ret = BAD ("read archive `%s`: no members", file);
      goto out;
    }
  switch (archive_filter_code (a, 0))
    {
    case ARCHIVE_FILTER_GZIP: snprintf (info->filter, sizeof info->filter, "gzip"); break;
    case ARCHIVE_FILTER_XZ: snprintf (info->filter, sizeof info->filter, "xz"); break;
    case ARCHIVE_FILTER_ZSTD: snprintf (info->filter, sizeof info->filter, "zstd"); break;
    default: snprintf (info->filter, sizeof info->filter, "none"); break;
    }
out:
  if (a)
    archive_read_free (a);
  tar_checker_free (c);
  return ret;
}
