#include "tty-proxy.h"

#include <errno.h>
#include <poll.h>
#include <unistd.h>

void
tty_proxy_raw (tty_proxy_t *t)
{
  struct termios raw;

  t->is_tty = isatty (0);
  t->raw = false;
  if (!t->is_tty || tcgetattr (0, &t->saved) < 0)
    return;
  raw = t->saved;
  cfmakeraw (&raw);
  if (tcsetattr (0, TCSADRAIN, &raw) == 0)
    t->raw = true;
}

void
tty_proxy_restore (tty_proxy_t *t)
{
  if (t->raw)
    tcsetattr (0, TCSADRAIN, &t->saved);
  t->raw = false;
}

bool
tty_proxy_winsize (struct winsize *ws)
{
  return isatty (0) && ioctl (0, TIOCGWINSZ, ws) == 0 && ws->ws_row > 0;
}

bool
tty_proxy_write_all (int fd, const void *buf, size_t len)
{
  const char *p = buf;
  while (len > 0)
    {
      ssize_t n = write (fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        {
          /* A non-blocking fd (enter's pty master): wait as a blocking
             write would.  */
          struct pollfd w = { fd, POLLOUT, 0 };
          if (poll (&w, 1, -1) < 0 && errno != EINTR)
            return false;
          continue;
        }
      if (n <= 0)
        return false;
      p += n;
      len -= (size_t) n;
    }
  return true;
}
