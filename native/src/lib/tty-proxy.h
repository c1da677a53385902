/* The caller's side of an interactive session (enter, console): raw mode
   on a terminal stdin, restored on exit, and window-size queries.  */
#ifndef CORRAL_TTY_PROXY_H
#define CORRAL_TTY_PROXY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <termios.h>

typedef struct tty_proxy_s
{
  bool is_tty;
  bool raw;
  struct termios saved;
} tty_proxy_t;

/* Raw mode on stdin when it is a terminal; a no-op otherwise.  */
void tty_proxy_raw (tty_proxy_t *t);
void tty_proxy_restore (tty_proxy_t *t);
bool tty_proxy_winsize (struct winsize *ws);

/* write() all of BUF, retrying on EINTR, and waiting for room on EAGAIN
   (a non-blocking fd).  */
bool tty_proxy_write_all (int fd, const void *buf, size_t len);

#endif
