#include "console.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "ct-state.h"

static void
ring_append (console_t *c, const unsigned char *buf, size_t len)
{
  if (len > CONSOLE_RING_SIZE)
    {
      c->total += len - CONSOLE_RING_SIZE;
      buf += len - CONSOLE_RING_SIZE;
      len = CONSOLE_RING_SIZE;
    }
  size_t pos = c->total % CONSOLE_RING_SIZE, first = CONSOLE_RING_SIZE - pos < len ? CONSOLE_RING_SIZE - pos : len;
  memcpy (c->ring + pos, buf, first);
  memcpy (c->ring, buf + first, len - first);
  c->total += len;
}

int
console_saved_read (const node_config_t *node, int ctid, uint64_t *start, unsigned char **data, size_t *len)
{
  char path[400];
  uint64_t total;
  int fd, ret = -1;

  *data = NULL;
  ct_state_path (node, ctid, "console", path, sizeof path);
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  if (read (fd, &total, sizeof total) == (ssize_t) sizeof total)
    {
      size_t have = total < CONSOLE_RING_SIZE ? (size_t) total : CONSOLE_RING_SIZE;
      *data = malloc (have ? have : 1);
      if (*data && read (fd, *data, have) == (ssize_t) have)
        {
          *start = total - have;
          *len = have;
          ret = 0;
        }
    }
  close (fd);
  if (ret < 0)
    {
      free (*data);
      *data = NULL;
    }
  return ret;
}

/* Straight into the ring: no buffer between (console_saved_read's).  */
void
console_load_saved (console_t *c)
{
  char path[400];
  uint64_t total, start;
  int fd;

  if (c->loaded || c->ring == NULL)
    return;
  c->loaded = true;
  ct_state_path (c->node, c->ctid, "console", path, sizeof path);
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  if (read (fd, &total, sizeof total) == (ssize_t) sizeof total)
    {
      start = total - (total < CONSOLE_RING_SIZE ? total : CONSOLE_RING_SIZE);
      c->total = start;
      /* Two reads where the saved bytes wrap around the ring's end.  */
      while (c->total < total)
        {
          size_t pos = c->total % CONSOLE_RING_SIZE, want = CONSOLE_RING_SIZE - pos;
          if (want > total - c->total)
            want = (size_t) (total - c->total);
          ssize_t n = read (fd, c->ring + pos, want);
          if (n <= 0)
            break;
          c->total += (uint64_t) n;
        }
    }
  close (fd);
}

static void
ring_save (console_t *c)
{
  char path[400], tmp[420];
  size_t have = c->total < CONSOLE_RING_SIZE ? (size_t) c->total : CONSOLE_RING_SIZE;
  uint64_t start = c->total - have;
  int fd;

  ct_state_path (c->node, c->ctid, "console", path, sizeof path);
  snprintf (tmp, sizeof tmp, "%s.tmp", path);
  fd = open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return;
  bool ok = write (fd, &c->total, sizeof c->total) == (ssize_t) sizeof c->total;
  for (uint64_t off = start; ok && off < c->total;)
    {
      size_t pos = off % CONSOLE_RING_SIZE;
      size_t chunk = CONSOLE_RING_SIZE - pos;
      if (chunk > c->total - off)
        chunk = (size_t) (c->total - off);
      ok = write (fd, c->ring + pos, chunk) == (ssize_t) chunk;
      off += chunk;
    }
  close (fd);
  if (ok)
    rename (tmp, path);
  else
    unlink (tmp);
}

int
console_open (console_t *c, const node_config_t *node, int ctid, uid_t owner, gid_t group, corral_error_t *err)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  char path[400];
  int n;

  memset (c, 0, sizeof *c);
  c->node = node;
  c->ctid = ctid;
  c->master = c->slave = c->listen_fd = -1;
  c->ring = malloc (CONSOLE_RING_SIZE);
  if (c->ring == NULL)
    return corral_error (err, EXIT_SYSTEM, ENOMEM, "allocate console ring");

  c->master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (c->master < 0 || grantpt (c->master) < 0 || unlockpt (c->master) < 0
      || ptsname_r (c->master, c->slave_path, sizeof c->slave_path) != 0)
    return corral_error (err, EXIT_SYSTEM, errno, "allocate console pty");
  c->slave = open (c->slave_path, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (c->slave < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "open `%s`", c->slave_path);
  /* CT root opens it as /dev/console; it is an unprivileged host ID.  */
  if (fchown (c->slave, owner, group) < 0 || fchmod (c->slave, 0620) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "hand `%s` to CT root", c->slave_path);
  fcntl (c->master, F_SETFL, O_NONBLOCK);
  struct winsize ws = { .ws_row = 24, .ws_col = 80 };
  ioctl (c->master, TIOCSWINSZ, &ws);

  ct_state_path (node, ctid, "sock", path, sizeof path);
  n = snprintf (addr.sun_path, sizeof addr.sun_path, "%s", path);
  if (n < 0 || (size_t) n >= sizeof addr.sun_path)
    return corral_error (err, EXIT_BADVALUE, 0, "socket path `%s` too long", path);
  unlink (path);
  c->listen_fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (c->listen_fd < 0 || bind (c->listen_fd, (struct sockaddr *) &addr, sizeof addr) < 0
      || chmod (path, 0600) < 0 || listen (c->listen_fd, 16) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "listen on `%s`", path);
  return 0;
}

static void
client_drop (console_t *c, int i)
{
  close (c->clients[i]->fd);
  free (c->clients[i]);
  c->clients[i] = NULL;
}

/* Clients get non-blocking writes: one that cannot keep up is dropped
   rather than stalling the CT's console; it reconnects with its offset
   and catches up from the ring.  */
static bool
client_send (console_client_t *cl, const void *buf, size_t len)
{
  const char *p = buf;
  while (len > 0)
    {
      ssize_t n = send (cl->fd, p, len, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return false;
      p += n;
      len -= (size_t) n;
    }
  return true;
}

static void
broadcast (console_t *c, const unsigned char *buf, size_t len)
{
  ring_append (c, buf, len);
  for (int i = 0; i < CONSOLE_MAX_CLIENTS; i++)
    if (c->clients[i] && c->clients[i]->hello && !client_send (c->clients[i], buf, len))
      client_drop (c, i);
}

void
console_note (console_t *c, const char *text)
{
  broadcast (c, (const unsigned char *) text, strlen (text));
}

static bool
client_hello (console_t *c, console_client_t *cl, const unsigned char *p, size_t len)
{
  uint64_t offset, start, have;

  if (len < 9)
    return false;
  memcpy (&offset, p, 8);
  cl->read_only = p[8] != 0;
  cl->hello = true;
  have = c->total < CONSOLE_RING_SIZE ? c->total : CONSOLE_RING_SIZE;
  start = c->total - have;
  if (offset > start)
    start = offset > c->total ? c->total : offset;
  if (!client_send (cl, &start, sizeof start))
    return false;
  for (uint64_t off = start; off < c->total;)
    {
      size_t pos = off % CONSOLE_RING_SIZE;
      size_t chunk = CONSOLE_RING_SIZE - pos;
      if (chunk > c->total - off)
        chunk = (size_t) (c->total - off);
      if (!client_send (cl, c->ring + pos, chunk))
        return false;
      off += chunk;
    }
  return true;
}

static bool
client_frames (console_t *c, console_client_t *cl)
{
  size_t off = 0;

  while (cl->in_len - off >= 3)
    {
      unsigned char type = cl->in[off];
      uint16_t len;
      memcpy (&len, cl->in + off + 1, 2);
      if (cl->in_len - off < 3u + len)
        break;
      const unsigned char *p = cl->in + off + 3;
      if (type == CONSOLE_HELLO && !cl->hello)
        {
          if (!client_hello (c, cl, p, len))
            return false;
        }
      else if (type == CONSOLE_DATA && cl->hello && !cl->read_only)
        {
          /* A full pty input queue drops keystrokes rather than blocking
             every other client.  */
          if (write (c->master, p, len) < 0 && errno != EAGAIN)
            return false;
        }
      else if (type == CONSOLE_WINCH && len == 4 && !cl->read_only)
        {
          struct winsize ws = { 0 };
          memcpy (&ws.ws_row, p, 2);
          memcpy (&ws.ws_col, p + 2, 2);
          ioctl (c->master, TIOCSWINSZ, &ws); /* a failed resize is ignored */
        }
      off += 3u + len;
    }
  memmove (cl->in, cl->in + off, cl->in_len - off);
  cl->in_len -= off;
  return true;
}

int
console_pollfds (console_t *c, struct pollfd *pfd, int max)
{
  int n = 0;

  if (max < 2 + CONSOLE_MAX_CLIENTS)
    return 0;
  pfd[n++] = (struct pollfd) { .fd = c->master, .events = POLLIN };
  pfd[n++] = (struct pollfd) { .fd = c->listen_fd, .events = POLLIN };
  for (int i = 0; i < CONSOLE_MAX_CLIENTS; i++)
    pfd[n++] = (struct pollfd) { .fd = c->clients[i] ? c->clients[i]->fd : -1, .events = POLLIN };
  return n;
}

void
console_dispatch (console_t *c, const struct pollfd *pfd, int n)
{
  unsigned char buf[16384];

  console_load_saved (c);
  if (n < 2 + CONSOLE_MAX_CLIENTS)
    return;
  if (pfd[0].revents & POLLIN)
    {
      ssize_t r = read (c->master, buf, sizeof buf);
      if (r > 0)
        broadcast (c, buf, (size_t) r);
    }
  if (pfd[1].revents & POLLIN)
    {
      int fd = accept4 (c->listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
      int slot = -1;
      for (int i = 0; i < CONSOLE_MAX_CLIENTS && fd >= 0 && slot < 0; i++)
        if (c->clients[i] == NULL)
          slot = i;
      if (fd >= 0 && slot >= 0 && (c->clients[slot] = calloc (1, sizeof (console_client_t))))
        {
          int sndbuf = 2 * CONSOLE_RING_SIZE;
          /* Room for a whole ring replay in one go.  */
          setsockopt (fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof sndbuf);
          c->clients[slot]->fd = fd;
        }
      else if (fd >= 0)
        close (fd);
    }
  for (int i = 0; i < CONSOLE_MAX_CLIENTS; i++)
    {
      console_client_t *cl = c->clients[i];
      if (cl == NULL || !(pfd[2 + i].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      ssize_t r = read (cl->fd, cl->in + cl->in_len, sizeof cl->in - cl->in_len);
      if (r <= 0)
        {
          if (r < 0 && errno == EAGAIN)
            continue;
          client_drop (c, i);
          continue;
        }
      cl->in_len += (size_t) r;
      if (!client_frames (c, cl))
        client_drop (c, i);
    }
}

void
console_close (console_t *c)
{
  char path[400];

  /* The old scrollback first, or saving would drop it.  */
  console_load_saved (c);
  /* Drain what the CT wrote last (its shutdown messages) before saving.  */
  if (c->master >= 0)
    {
      unsigned char buf[16384];
      ssize_t r;
      while ((r = read (c->master, buf, sizeof buf)) > 0)
        broadcast (c, buf, (size_t) r);
    }
  if (c->ring)
    ring_save (c);
  for (int i = 0; i < CONSOLE_MAX_CLIENTS; i++)
    if (c->clients[i])
      client_drop (c, i);
  if (c->listen_fd >= 0)
    {
      ct_state_path (c->node, c->ctid, "sock", path, sizeof path);
      unlink (path);
      close (c->listen_fd);
    }
  if (c->master >= 0)
    close (c->master);
  if (c->slave >= 0)
    close (c->slave);
  free (c->ring);
  c->ring = NULL;
}
