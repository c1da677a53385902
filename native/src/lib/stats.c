#include "stats.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "ct-state.h"
#include "storage.h"

#define SLOT_NET 20

void
stats_init (ct_stats_t *st)
{
  uint64_t *p = (uint64_t *) st;
  for (size_t i = 0; i < sizeof *st / sizeof *p; i++)
    p[i] = STATS_NA;
}

void
stats_cache_init (stats_cache_t *c)
{
  memset (c, 0, sizeof *c);
  for (int i = 0; i < STATS_MAX_FILES; i++)
    c->fd[i] = -1, c->tried[i] = false;
  c->root_fd = -1;
  c->own_fs = -1;
}

void
stats_cache_close (stats_cache_t *c)
{
  for (int i = 0; i < STATS_MAX_FILES; i++)
    if (c->fd[i] >= 0)
      close (c->fd[i]);
  if (c->root_fd >= 0)
    close (c->root_fd);
  stats_cache_init (c);
}

int
stats_read (stats_cache_t *c, int slot, const char *dir, const char *file, char *buf, size_t size)
{
  char path[600];
  int fd;
  ssize_t n;

  if (c && c->fd[slot] >= 0)
    fd = c->fd[slot];
  else
    {
      /* A file that was missing once stays missing (kernel feature).  */
      if (c && c->tried[slot])
        return -ENOENT;
      snprintf (path, sizeof path, "%s/%s", dir, file);
      fd = open (path, O_RDONLY | O_CLOEXEC);
      if (c)
        c->tried[slot] = true;
      if (fd < 0)
        return -errno;
      if (c)
        c->fd[slot] = fd;
    }
  /* Offset 0 each time: cgroup and sysfs files regenerate on read.  */
  n = pread (fd, buf, size - 1, 0);
  if (!c)
    close (fd);
  if (n < 0)
    return -errno;
  buf[n] = '\0';
  return (int) n;
}

uint64_t
stats_read_u64 (stats_cache_t *c, int slot, const char *dir, const char *file)
{
  char buf[64];
  if (stats_read (c, slot, dir, file, buf, sizeof buf) <= 0 || strncmp (buf, "max", 3) == 0)
    return STATS_NA;
  return strtoull (buf, NULL, 10);
}

uint64_t
stats_read_u64_slow (stats_cache_t *c, int slot, const char *dir, const char *file)
{
  if (c == NULL)
    return stats_read_u64 (c, slot, dir, file);
  if (c->slow_age[slot]++ % 10 == 0)
    c->slow_val[slot] = stats_read_u64 (c, slot, dir, file);
  return c->slow_val[slot];
}

uint64_t
stats_key (const char *buf, const char *key)
{
  size_t len = strlen (key);
  for (const char *p = buf; p && *p; p = strchr (p, '\n'), p = p ? p + 1 : NULL)
    if (strncmp (p, key, len) == 0 && p[len] == ' ')
      return strtoull (p + len + 1, NULL, 10);
  return STATS_NA;
}

static void
read_net (const node_config_t *node, int ctid, stats_cache_t *c, ct_stats_t *st)
{
  char dir[128];
  /* The host end of the pair: what it receives, the CT sent.  */
  snprintf (dir, sizeof dir, "/sys/class/net/%s%d/statistics", node->veth_prefix, ctid);
  st->net_tx_bytes = stats_read_u64 (c, SLOT_NET + 0, dir, "rx_bytes");
  st->net_tx_packets = stats_read_u64 (c, SLOT_NET + 1, dir, "rx_packets");
  st->net_rx_bytes = stats_read_u64 (c, SLOT_NET + 2, dir, "tx_bytes");
  st->net_rx_packets = stats_read_u64 (c, SLOT_NET + 3, dir, "tx_packets");
}

static void
read_disk (const node_config_t *node, int ctid, stats_cache_t *c, ct_stats_t *st)
{
  char root[400], priv[400];
  struct statfs r, p;

  if (c && c->own_fs == 0)
    return;
  if (c && c->root_fd >= 0)
    {
      if (fstatfs (c->root_fd, &r) < 0)
        return;
    }
  else
    {
      storage_root_path (node, ctid, root, sizeof root);
      storage_private_path (node, ctid, priv, sizeof priv);
      if (statfs (root, &r) < 0 || statfs (priv, &p) < 0)
        return;
      /* Only a filesystem of the CT's own (the image) says anything about
         the CT; the dir layout shares the host's, so there is no honest
         number without a directory walk.  */
      if (memcmp (&r.f_fsid, &p.f_fsid, sizeof r.f_fsid) == 0)
        {
          if (c)
            c->own_fs = 0;
          return;
        }
      if (c)
        {
          c->own_fs = 1;
          c->root_fd = open (root, O_PATH | O_DIRECTORY | O_CLOEXEC);
        }
    }
  st->disk_total = (uint64_t) r.f_blocks * r.f_frsize;
  st->disk_used = (uint64_t) (r.f_blocks - r.f_bfree) * r.f_frsize;
  st->inodes_total = r.f_files;
  st->inodes_used = r.f_files - r.f_ffree;
}

int
stats_read_ct (const node_config_t *node, int ctid, stats_cache_t *cache, bool full, ct_stats_t *st)
{
  cgroup_t cg;
  corral_error_t ignored;

  stats_init (st);
  if (cgroup_open_ct (node, ctid, &cg, &ignored) < 0)
    return -1;
  if (cg.ops->read_stats)
    cg.ops->read_stats (&cg, st, cache, full);
  read_net (node, ctid, cache, st);
  read_disk (node, ctid, cache, st);
  return 0;
}

static int
cmp_int (const void *a, const void *b)
{
  return *(const int *) a - *(const int *) b;
}

int
stats_running_cts (const node_config_t *node, int **ids, size_t *n)
{
  DIR *d = opendir (node->conf_dir);
  struct dirent *de;
  size_t cap = 64;

  *n = 0;
  *ids = malloc (cap * sizeof **ids);
  if (d == NULL || *ids == NULL)
    {
      if (d)
        closedir (d);
      return d ? -ENOMEM : -errno;
    }
  while ((de = readdir (d)))
    {
      char *end;
      long id = strtol (de->d_name, &end, 10);
      ct_state_t st;
      if (id <= 0 || strcmp (end, ".conf") != 0 || !ct_state_running (node, (int) id, &st))
        continue;
      if (*n == cap)
        {
          int *p = realloc (*ids, (cap *= 2) * sizeof **ids);
          if (p == NULL)
            break;
          *ids = p;
        }
      (*ids)[(*n)++] = (int) id;
    }
  closedir (d);
  qsort (*ids, *n, sizeof **ids, cmp_int);
  return 0;
}
