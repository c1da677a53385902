/* The persistent CT console (openvz-model §7.3), monitor side: the pty
   pair, a scrollback ring that outlives CT stop/start (saved to
   $run/<CTID>.console while no monitor runs), and a Unix socket at
   $run/<CTID>.sock serving any number of attached clients.

   Wire format, client to monitor: frames of u8 type, u16 length (host
   order), payload.  The first frame is HELLO {u64 offset, u8 read_only};
   then DATA (keyboard bytes) and WINCH {u16 rows, u16 cols}.  Monitor to
   client: u64 start offset, then the raw output stream from that offset
   (ring replay first), so a client that reconnects after a CT restart
   passes the offset it reached and sees nothing twice.  */
#ifndef CORRAL_CONSOLE_H
#define CORRAL_CONSOLE_H

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include "error.h"
#include "node-config.h"

#define CONSOLE_RING_SIZE (256 * 1024)
#define CONSOLE_MAX_CLIENTS 32

enum { CONSOLE_HELLO = 'H', CONSOLE_DATA = 'D', CONSOLE_WINCH = 'W' };

typedef struct console_client_s
{
  int fd;
  bool hello, read_only;
  size_t in_len;
  unsigned char in[3 + 65535];
} console_client_t;

typedef struct console_s
{
  const node_config_t *node;
  int ctid;
  int master, slave;       /* the slave stays open so the master never sees EIO between boots */
  char slave_path[64];
  int listen_fd;
  unsigned char *ring;
  uint64_t total;          /* bytes ever written; ring holds the last CONSOLE_RING_SIZE */
  bool loaded;             /* the saved scrollback is in the ring (console_load_saved) */
  console_client_t *clients[CONSOLE_MAX_CLIENTS];
} console_t;

/* OWNER/GROUP: host IDs of CT root, who must be able to open the slave.  */
int console_open (console_t *c, const node_config_t *node, int ctid, uid_t owner, gid_t group, corral_error_t *err);
/* Put the scrollback the CT's last monitor saved back in the ring, ahead
   of anything new.  Not part of console_open, so a start need not wait for
   it (up to 256 KiB read, and the ring's pages faulted in: ~1 ms here);
   console_dispatch and console_close do it first if nobody has.  */
void console_load_saved (console_t *c);
/* Save the ring, drop clients, remove the socket.  */
void console_close (console_t *c);

/* Fill pollfds (master, listener, clients); returns how many.  */
int console_pollfds (console_t *c, struct pollfd *pfd, int max);
/* Handle readiness reported for the fds console_pollfds returned.  */
void console_dispatch (console_t *c, const struct pollfd *pfd, int n);

/* The scrollback a stopped CT left in $run/<CTID>.console: *DATA (malloc'd,
   *LEN bytes) starts at byte offset *START of the console stream.
   Returns 0, or -1 when there is none.  */
int console_saved_read (const node_config_t *node, int ctid, uint64_t *start, unsigned char **data, size_t *len);

/* Text written by the monitor itself, e.g. "[corral] CT 101 rebooting".  */
void console_note (console_t *c, const char *text);

#endif
