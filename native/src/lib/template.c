/* The template cache: lookup, metadata, listing, removal, atomic store.  */
#include "template-internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "json.h"

const char *const template_suffixes[4] = { ".tar.zst", ".tar.gz", ".tar.xz", ".tar" };
const char *const template_formats[4] = { "zstd", "gzip", "xz", "none" };

bool
template_name_valid (const char *name)
{
  size_t len = strlen (name);
  if (len < 1 || len > 64)
    return false;
  if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= '0' && name[0] <= '9')))
    return false;
  for (size_t i = 1; i < len; i++)
    {
      char c = name[i];
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
        return false;
    }
  return true;
}

static int
cache_find (const node_config_t *node, const char *name, template_info_t *info)
{
  struct stat st;
  for (int i = 0; i < 4; i++)
    {
      snprintf (info->path, sizeof info->path, "%s/%s%s", node->template_dir, name, template_suffixes[i]);
      if (stat (info->path, &st) == 0 && S_ISREG (st.st_mode))
        {
          snprintf (info->name, sizeof info->name, "%s", name);
          snprintf (info->format, sizeof info->format, "%s", template_formats[i]);
          info->size = st.st_size;
          info->created = st.st_mtime;
          return 0;
        }
    }
  return -1;
}

int
template_exists (const node_config_t *node, const char *name)
{
  template_info_t info;
  return template_name_valid (name) && cache_find (node, name, &info) == 0;
}

/* The metadata is our own flat JSON object; pick one string or integer value.  */
static bool
meta_get (const char *json, const char *key, char *out, size_t len)
{
  char pat[48];
  snprintf (pat, sizeof pat, "\"%s\":", key);
  const char *p = strstr (json, pat);
  if (!p)
    return false;
  p += strlen (pat);
  size_t o = 0;
  if (*p == '"')
    for (p++; *p && *p != '"' && o + 1 < len; p++)
      out[o++] = *p;
  else
    for (; (*p == '-' || (*p >= '0' && *p <= '9')) && o + 1 < len; p++)
      out[o++] = *p;
  out[o] = '\0';
  return o > 0;
}

int
template_info (const node_config_t *node, const char *name, template_info_t *info, corral_error_t *err)
{
  char path[400], buf[1024], v[32];

  memset (info, 0, sizeof *info);
  if (!template_name_valid (name))
    return corral_error (err, EXIT_BADVALUE, 0, "invalid template name `%s`", name);
  if (cache_find (node, name, info) < 0)
    return corral_error (err, EXIT_NOTEMPLATE, 0, "template `%s` not found in `%s`", name, node->template_dir);
  snprintf (info->os, sizeof info->os, "unknown");
  snprintf (info->init, sizeof info->init, "unknown");
  snprintf (path, sizeof path, "%s/%s.json", node->template_dir, name);
  FILE *f = fopen (path, "re");
  if (f)
    {
      size_t n = fread (buf, 1, sizeof buf - 1, f);
      buf[n] = '\0';
      fclose (f);
      meta_get (buf, "os", info->os, sizeof info->os);
      meta_get (buf, "init", info->init, sizeof info->init);
      if (meta_get (buf, "created", v, sizeof v))
        info->created = strtoll (v, NULL, 10);
    }
  return 0;
}

static int
info_cmp (const void *a, const void *b)
{
  return strcmp (((const template_info_t *) a)->name, ((const template_info_t *) b)->name);
}

int
template_list (const node_config_t *node, template_info_t **out, size_t *n, corral_error_t *err)
{
  template_info_t *v = NULL;
  size_t cnt = 0, cap = 0;
  struct dirent *de;

  *out = NULL;
  *n = 0;
  DIR *d = opendir (node->template_dir);
  if (!d)
    return errno == ENOENT ? 0 : corral_error (err, EXIT_SYSTEM, errno, "open `%s`", node->template_dir);
  while ((de = readdir (d)))
    {
      char name[80];
      size_t len = strlen (de->d_name);
      for (int i = 0; i < 4; i++)
        {
          size_t sl = strlen (template_suffixes[i]);
          if (len <= sl || len - sl >= sizeof name || strcmp (de->d_name + len - sl, template_suffixes[i]) != 0)
            continue;
          memcpy (name, de->d_name, len - sl);
          name[len - sl] = '\0';
          /* Report each name once, in the format lookup prefers.  */
          bool dup = false;
          for (size_t j = 0; j < cnt; j++)
            dup |= strcmp (v[j].name, name) == 0;
          if (dup || !template_name_valid (name))
            break;
          if (cnt == cap)
            {
              cap = cap ? cap * 2 : 8;
              template_info_t *nv = realloc (v, cap * sizeof *v);
              if (!nv)
                {
                  closedir (d);
                  free (v);
                  return corral_error (err, EXIT_SYSTEM, ENOMEM, "list templates");
                }
              v = nv;
            }
          if (template_info (node, name, &v[cnt], err) == 0)
            cnt++;
          break;
        }
    }
  closedir (d);
  if (cnt)
    qsort (v, cnt, sizeof *v, info_cmp);
  *out = v;
  *n = cnt;
  return 0;
}

static void
lock_path (const node_config_t *node, const char *name, char *path, size_t len)
{
  /* In run_dir, not template_dir: the cache directory holds only caches.  */
  snprintf (path, len, "%s/template-%s.lock", node->run_dir, name);
}

int
template_lock (const node_config_t *node, const char *name, corral_error_t *err)
{
  char path[400];
  struct stat a, b;

  lock_path (node, name, path, sizeof path);
  for (;;)
    {
      int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (fd < 0)
        return corral_error (err, EXIT_SYSTEM, errno, "open `%s`", path);
      if (flock (fd, LOCK_EX | LOCK_NB) < 0)
        {
          int e = errno;
          close (fd);
          if (e == EWOULDBLOCK)
            return corral_error (err, EXIT_LOCKED, 0, "template `%s` is locked by another corralctl", name);
          return corral_error (err, EXIT_SYSTEM, e, "lock `%s`", path);
        }
      /* The holder unlinks the file when done (template_unlock); a lock
         taken on an unlinked file protects nothing, so try again.  */
      if (fstat (fd, &a) == 0 && stat (path, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev)
        return fd;
      close (fd);
    }
}

void
template_unlock (const node_config_t *node, const char *name, int fd)
{
  char path[400];
  lock_path (node, name, path, sizeof path);
  unlink (path);
  close (fd);
}

int
template_remove (const node_config_t *node, const char *name, corral_error_t *err)
{
  template_info_t info;
  char path[400];
  int ret;

  if ((ret = template_info (node, name, &info, err)) < 0)
    return ret;
  int lock = template_lock (node, name, err);
  if (lock < 0)
    return lock;
  for (int i = 0; i < 4; i++)
    {
      snprintf (path, sizeof path, "%s/%s%s", node->template_dir, name, template_suffixes[i]);
      if (unlink (path) < 0 && errno != ENOENT)
        {
          ret = corral_error (err, EXIT_SYSTEM, errno, "remove `%s`", path);
          break;
        }
    }
  snprintf (path, sizeof path, "%s/%s.json", node->template_dir, name);
  if (ret == 0 && unlink (path) < 0 && errno != ENOENT)
    ret = corral_error (err, EXIT_SYSTEM, errno, "remove `%s`", path);
  template_unlock (node, name, lock);
  return ret;
}

int
template_store (const node_config_t *node, const char *name, const char *tmpfile, const char *format,
                const char *os, const char *init, corral_error_t *err)
{
  char path[400], meta[400], metatmp[420];
  int idx = -1;

  for (int i = 0; i < 4; i++)
    if (strcmp (template_formats[i], format) == 0)
      idx = i;
  if (idx < 0)
    return corral_error (err, EXIT_SYSTEM, 0, "store template `%s`: unknown format `%s`", name, format);

  /* Metadata first: a cache without it still lists (as unknown), while
     metadata without a cache is ignored.  */
  snprintf (meta, sizeof meta, "%s/%s.json", node->template_dir, name);
  snprintf (metatmp, sizeof metatmp, "%s/.%s.json.tmp", node->template_dir, name);
  FILE *f = fopen (metatmp, "we");
  if (!f)
    return corral_error (err, EXIT_SYSTEM, errno, "create `%s`", metatmp);
  json_writer_t w;
  json_init (&w, f);
  json_obj_begin (&w, NULL);
  json_str (&w, "name", name);
  json_str (&w, "os", os);
  json_str (&w, "init", init);
  json_str (&w, "format", format);
  json_int (&w, "created", (int64_t) time (NULL));
  json_obj_end (&w);
  fputc ('\n', f);
  if (fflush (f) != 0 || fsync (fileno (f)) < 0)
    {
      int e = errno;
      fclose (f);
      unlink (metatmp);
      return corral_error (err, EXIT_SYSTEM, e, "write `%s`", metatmp);
    }
  fclose (f);

  int fd = open (tmpfile, O_RDONLY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  snprintf (path, sizeof path, "%s/%s%s", node->template_dir, name, template_suffixes[idx]);
  if (rename (tmpfile, path) < 0)
    {
      int e = errno;
      unlink (metatmp);
      return corral_error (err, EXIT_SYSTEM, e, "rename `%s` to `%s`", tmpfile, path);
    }
  if (rename (metatmp, meta) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "rename `%s`", metatmp);
  for (int i = 0; i < 4; i++)
    if (i != idx)
      {
        snprintf (path, sizeof path, "%s/%s%s", node->template_dir, name, template_suffixes[i]);
        unlink (path);
      }
  return 0;
}

static int
rm_one (const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
  (void) st; (void) ftw;
  if (flag == FTW_DP)
    rmdir (path);
  else
    unlink (path);
  return 0;
}

int
template_rm_rf (const char *path)
{
  return nftw (path, rm_one, 32, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

int
template_mkdtemp (const char *dir, const char *name, char *path, size_t size, corral_error_t *err)
{
  snprintf (path, size, "%s/.%s-XXXXXX", dir, name);
  if (!mkdtemp (path))
    return corral_error (err, EXIT_SYSTEM, errno, "create a directory in `%s`", dir);
  return 0;
}

int
template_write_at (int dirfd, const char *name, const char *content, mode_t mode, uid_t uid, gid_t gid,
                   corral_error_t *err)
{
  char tmp[300];
  size_t len = strlen (content), off = 0;

  snprintf (tmp, sizeof tmp, ".%s.corral-tmp", name);
  unlinkat (dirfd, tmp, 0);
  int fd = openat (dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "create `%s`", tmp);
  while (off < len)
    {
      ssize_t n = write (fd, content + off, len - off);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int e = errno;
          close (fd);
          unlinkat (dirfd, tmp, 0);
          return corral_error (err, EXIT_SYSTEM, e, "write `%s`", name);
        }
      off += n;
    }
  if ((uid != (uid_t) -1 && fchown (fd, uid, gid) < 0) || fchmod (fd, mode) < 0 || fsync (fd) < 0)
    {
      int e = errno;
      close (fd);
      unlinkat (dirfd, tmp, 0);
      return corral_error (err, EXIT_SYSTEM, e, "set owner of `%s`", name);
    }
  close (fd);
  /* rename() replaces a symlink at NAME instead of following it.  */
  if (renameat (dirfd, tmp, dirfd, name) < 0)
    {
      int e = errno;
      unlinkat (dirfd, tmp, 0);
      return corral_error (err, EXIT_SYSTEM, e, "rename `%s` to `%s`", tmp, name);
    }
  return 0;
}
