#include "stats.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/statfs.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "ct-state.h"
#include "stats-shared.h"
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
  for (int i = 0; i < STATS_MAX_EVENTED; i++)
    c->ev[i].slot = -1;
  c->root_fd = -1;
  c->own_fs = -1;
  c->oom_efd = -1;
}

void
stats_cache_close (stats_cache_t *c)
{
  /* Out of the epoll set before closing: a file another fd still refers
     to would stay in it, pointing at a freed cache.  */
  int epfd = c->shared ? c->shared->epfd : -1;
  for (int i = 0; i < STATS_MAX_EVENTED; i++)
    if (c->ev[i].slot >= 0 && c->ev[i].polled && epfd >= 0 && c->fd[c->ev[i].slot] >= 0)
      epoll_ctl (epfd, EPOLL_CTL_DEL, c->fd[c->ev[i].slot], NULL);
  if (c->oom_efd >= 0)
    {
      if (epfd >= 0)
        epoll_ctl (epfd, EPOLL_CTL_DEL, c->oom_efd, NULL);
      close (c->oom_efd);
    }
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
    {
      /* A kept file of a removed cgroup answers ENODEV: the CT stopped
         (or restarted, with new cgroups) since the sampler listed it.  */
      if (c)
        c->gone = true;
      return -errno;
    }
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
  if (c->slow_age[slot]++ % STATS_SLOW_EVERY == 0)
    c->slow_val[slot] = stats_read_u64 (c, slot, dir, file);
  return c->slow_val[slot];
}

bool
stats_host_swap (const stats_cache_t *c)
{
  return c == NULL || c->shared == NULL || c->shared->host_swap;
}

/* Ask the kernel to signal changes of slot SLOT's (open) file.  */
static bool
arm_event (stats_cache_t *c, int slot, stats_event_t ev, const char *dir)
{
  /* Edge-triggered: a file stays "modified" until read, and the sampler
     reads it only in the next sample.  */
  struct epoll_event e = { .events = EPOLLPRI | EPOLLET, .data.ptr = c };
  char path[600], line[32];
  int ctl, len;
  bool ok;

  if (c->shared->epfd < 0)
    return false;
  if (ev == STATS_EV_POLL)
    /* kernfs signals "file modified" as EPOLLPRI; a regular file (a
       recorded layout in the unit tests) cannot be polled: EPERM.  */
    return epoll_ctl (c->shared->epfd, EPOLL_CTL_ADD, c->fd[slot], &e) == 0;
  /* v1 memory.oom_control: "<eventfd> <fd of oom_control>" written to the
     group's cgroup.event_control; the eventfd counts OOM events (and fires
     once more when the group is removed).  */
  if (c->oom_efd >= 0 || dir == NULL || dir[0] == '\0')
    return false;
  c->oom_efd = eventfd (0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (c->oom_efd < 0)
    return false;
  snprintf (path, sizeof path, "%s/cgroup.event_control", dir);
  len = snprintf (line, sizeof line, "%d %d", c->oom_efd, c->fd[slot]);
  ctl = open (path, O_WRONLY | O_CLOEXEC);
  ok = ctl >= 0 && write (ctl, line, (size_t) len) == len;
  if (ctl >= 0)
    close (ctl);
  e.events = EPOLLIN | EPOLLET;
  if (ok && epoll_ctl (c->shared->epfd, EPOLL_CTL_ADD, c->oom_efd, &e) == 0)
    return true;
  close (c->oom_efd);
  c->oom_efd = -1;
  return false;
}

/* The kept-content entry of SLOT, or NULL when all are taken.  */
static stats_evented_t *
kept_entry (stats_cache_t *c, int slot)
{
  for (int i = 0; i < STATS_MAX_EVENTED; i++)
    if (c->ev[i].slot == slot || c->ev[i].slot < 0)
      return &c->ev[i];
  return NULL;
}

/* Hand out E's last content when FRESH says it cannot have changed.  */
static bool
kept_content (const stats_cache_t *c, const stats_evented_t *e, int slot, bool fresh, char *buf, size_t size)
{
  if (e->slot != slot || !fresh || e->len < 0 || (size_t) e->len >= size
      || (c->shared->sample + (unsigned) c->ctid) % STATS_SLOW_EVERY == 0)
    return false;
  memcpy (buf, e->buf, (size_t) e->len + 1);
  return true;
}

static int
read_and_keep (stats_cache_t *c, stats_evented_t *e, int slot, const char *dir, const char *file, char *buf,
               size_t size)
{
  int n = stats_read (c, slot, dir, file, buf, size);
  e->slot = slot;
  e->len = n >= 0 && (size_t) n < sizeof e->buf ? n : -1;
  if (e->len >= 0)
    memcpy (e->buf, buf, (size_t) n + 1);
  return n;
}

int
stats_read_evented (stats_cache_t *c, int slot, stats_event_t ev, const char *dir, const char *file, char *buf,
                    size_t size)
{
  stats_evented_t *e;
  int n;

  if (c == NULL || c->shared == NULL || (e = kept_entry (c, slot)) == NULL)
    return stats_read (c, slot, dir, file, buf, size);
  if (kept_content (c, e, slot, e->armed && c->hot == 0, buf, size))
    return e->len;
  n = read_and_keep (c, e, slot, dir, file, buf, size);
  if (!e->arm_tried && e->len >= 0 && c->fd[slot] >= 0)
    {
      e->arm_tried = true;
      e->armed = arm_event (c, slot, ev, dir);
      e->polled = e->armed && ev == STATS_EV_POLL;
      /* A change between that read and the arming: read once more next
         sample.  */
      if (e->armed && c->hot < 2)
        c->hot = 2;
    }
  return n;
}

int
stats_read_keyed (stats_cache_t *c, int slot, uint64_t key, const char *dir, const char *file, char *buf,
                  size_t size)
{
  stats_evented_t *e;
  int n;

  if (c == NULL || c->shared == NULL || (e = kept_entry (c, slot)) == NULL)
    return stats_read (c, slot, dir, file, buf, size);
  if (kept_content (c, e, slot, key != STATS_NA && e->key == key, buf, size))
    return e->len;
  n = read_and_keep (c, e, slot, dir, file, buf, size);
  e->key = key;
  return n;
}

uint64_t
stats_read_u64_keyed (stats_cache_t *c, int slot, uint64_t key, const char *dir, const char *file)
{
  char buf[64];
  if (stats_read_keyed (c, slot, key, dir, file, buf, sizeof buf) <= 0 || strncmp (buf, "max", 3) == 0)
    return STATS_NA;
  return strtoull (buf, NULL, 10);
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

/* A sampler's CT: the host veth's counters from this sample's read of
   every CT's link (stats_shared_begin).  */
static void
read_net_shared (stats_cache_t *c, ct_stats_t *st)
{
  const stats_link_t *l;

  if (c->ifindex <= 0)
    return;
  l = stats_shared_link (c->shared, c->ifindex, &c->link_hint);
  if (l == NULL)
    {
      /* Deleted (`set --ipdel all`): look it up again later.  */
      c->ifindex = -1;
      return;
    }
  st->net_tx_bytes = l->rx_bytes;
  st->net_tx_packets = l->rx_packets;
  st->net_rx_bytes = l->tx_bytes;
  st->net_rx_packets = l->tx_packets;
}

static void
read_net (const node_config_t *node, int ctid, stats_cache_t *c, ct_stats_t *st)
{
  char dir[128];
  if (c && c->shared && c->shared->links_ok)
    return read_net_shared (c, st);
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
  if (cache == NULL)
    return 0;
  if (cache->hot > 0)
    cache->hot--;
  return cache->gone ? -1 : 0;
}

static int
cmp_int (const void *a, const void *b)
{
  return *(const int *) a - *(const int *) b;
}

typedef struct
{
  int id;
  pid_t pid;
} id_pid_t;

int
stats_running_cts_pids (const node_config_t *node, int **ids, pid_t **pids, size_t *n)
{
  DIR *d = opendir (node->conf_dir);
  struct dirent *de;
  size_t cap = 64;
  id_pid_t *v = malloc (cap * sizeof *v);

  *n = 0;
  *ids = NULL;
  if (pids)
    *pids = NULL;
  if (d == NULL || v == NULL)
    {
      int e = d ? ENOMEM : errno;
      if (d)
        closedir (d);
      free (v);
      return -e;
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
          id_pid_t *p = realloc (v, (cap *= 2) * sizeof *v);
          if (p == NULL)
            break;
          v = p;
        }
      v[(*n)++] = (id_pid_t) { (int) id, st.init_pid };
    }
  closedir (d);
  qsort (v, *n, sizeof *v, cmp_int);
  *ids = malloc ((*n ? *n : 1) * sizeof **ids);
  if (pids)
    *pids = malloc ((*n ? *n : 1) * sizeof **pids);
  if (*ids == NULL || (pids && *pids == NULL))
    {
      free (*ids);
      if (pids)
        free (*pids);
      free (v);
      *n = 0;
      return -ENOMEM;
    }
  for (size_t i = 0; i < *n; i++)
    {
      (*ids)[i] = v[i].id;
      if (pids)
        (*pids)[i] = v[i].pid;
    }
  free (v);
  return 0;
}

int
stats_running_cts (const node_config_t *node, int **ids, size_t *n)
{
  return stats_running_cts_pids (node, ids, NULL, n);
}
