/* console CTID [--read-only]: attach to the CT's persistent console via its
   monitor's socket.  Esc then `.` right after Enter detaches (vzctl).  The
   session survives CT stop/start: when the monitor goes, we wait for the
   next one and resume from the byte offset we reached.  Without a tty,
   stdin is sent as is and end of input detaches.  */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "cmd-util.h"
#include "console.h"
#include "ct-config.h"
#include "tty-proxy.h"

static bool
frame_send (int sock, unsigned char type, const void *payload, uint16_t len)
{
  unsigned char hdr[3] = { type };
  memcpy (hdr + 1, &len, 2);
  return tty_proxy_write_all (sock, hdr, 3) && (len == 0 || tty_proxy_write_all (sock, payload, len));
}

static int
console_connect (const node_config_t *node, int ctid, uint64_t offset, bool read_only, uint64_t *start)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  char path[400];
  unsigned char hello[9];
  int sock;

  ct_state_path (node, ctid, "sock", path, sizeof path);
  if (strlen (path) >= sizeof addr.sun_path)
    return -1;   /* the monitor refuses such a path too (console_open) */
  memcpy (addr.sun_path, path, strlen (path) + 1);
  sock = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (sock < 0)
    return -1;
  if (connect (sock, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      close (sock);
      return -1;
    }
  memcpy (hello, &offset, 8);
  hello[8] = read_only;
  if (!frame_send (sock, CONSOLE_HELLO, hello, sizeof hello)
      || recv (sock, start, sizeof *start, MSG_WAITALL) != (ssize_t) sizeof *start)
    {
      close (sock);
      return -1;
    }
  return sock;
}

static void
send_winsize (int sock)
{
  struct winsize ws;
  if (tty_proxy_winsize (&ws))
    {
      uint16_t rc[2] = { ws.ws_row, ws.ws_col };
      frame_send (sock, CONSOLE_WINCH, rc, sizeof rc);
    }
}

/* The escape rule: Esc right after Enter (or at session start), then `.`.  */
typedef struct escape_s
{
  bool line_start, after_esc;
} escape_t;

/* Filters keyboard bytes into OUT; returns true when the user detached.  */
static bool
escape_filter (escape_t *e, const char *in, size_t n, char *out, size_t *out_len)
{
  *out_len = 0;
  for (size_t i = 0; i < n; i++)
    {
      char ch = in[i];
      if (e->after_esc)
        {
          e->after_esc = false;
          if (ch == '.')
            return true;
          out[(*out_len)++] = 27;
        }
      else if (ch == 27 && e->line_start)
        {
          e->after_esc = true;
          continue;
        }
      out[(*out_len)++] = ch;
      e->line_start = ch == '\r' || ch == '\n';
    }
  return false;
}

int
cmd_console (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  static const struct option opts[] = { { "read-only", no_argument, NULL, 'r' }, { NULL, 0, NULL, 0 } };
  bool read_only = false, stdin_open = true, detached = false;
  int ctid, c, sock = -1, sfd;
  uint64_t offset = 0, start;
  tty_proxy_t tty;
  escape_t esc = { true, false };
  sigset_t mask;
  char buf[16384], out[16384 * 2];

  while ((c = getopt_long (argc, argv, "", opts, NULL)) != -1)
    switch (c)
      {
      case 'r': read_only = true; break;
      default: return cmd_bad_option (argv, err);
      }
  if (cmd_ctid_arg (argc, argv, &ctid, err) < 0 || cmd_no_more_args (argc, argv, err) < 0)
    return -1;
  if (!ct_config_exists (&ctx->node, ctid))
    return corral_error (err, EXIT_NOTFOUND, 0, "CT %d does not exist", ctid);

  signal (SIGPIPE, SIG_IGN);
  sigemptyset (&mask);
  sigaddset (&mask, SIGWINCH);
  sigprocmask (SIG_BLOCK, &mask, NULL);
  sfd = signalfd (-1, &mask, SFD_CLOEXEC);
  tty_proxy_raw (&tty);
  if (tty.is_tty && !ctx->quiet)
    fprintf (stderr, "Attached to CT %d (ESC . to detach)\r\n", ctid);

  bool first = true;
  while (!detached)
    {
      if (sock < 0)
        {
          sock = console_connect (&ctx->node, ctid, offset, read_only, &start);
          if (sock < 0 && first)
            {
              /* Stopped: show what it last printed (crash messages too).  */
              unsigned char *saved;
              size_t len;
              if (console_saved_read (&ctx->node, ctid, &start, &saved, &len) == 0)
                {
                  tty_proxy_write_all (1, saved, len);
                  offset = start + len;
                  free (saved);
                }
            }
          first = false;
          if (sock < 0)
            {
              /* Stopped CT: like OpenVZ's vtty we stay attached and wait.  */
              if (!stdin_open || !ct_config_exists (&ctx->node, ctid))
                break;
              struct pollfd p = { 0, POLLIN, 0 };
              if (poll (&p, 1, 200) > 0)
                {
                  ssize_t n = read (0, buf, sizeof buf);
                  size_t len;
                  if (n <= 0)
                    stdin_open = false;
                  else if (escape_filter (&esc, buf, (size_t) n, out, &len))
                    detached = true;
                }
              continue;
            }
          offset = start;
          send_winsize (sock);
        }
      struct pollfd p[3] = { { stdin_open ? 0 : -1, POLLIN, 0 }, { sock, POLLIN, 0 }, { sfd, POLLIN, 0 } };
      if (poll (p, 3, stdin_open ? -1 : 300) <= 0)
        {
          if (!stdin_open)
            break;   /* input ended and the output went quiet */
          continue;
        }
      if (p[1].revents)
        {
          ssize_t n = read (sock, buf, sizeof buf);
          if (n <= 0)
            {
              close (sock);
              sock = -1;
              continue;
            }
          offset += (uint64_t) n;
          tty_proxy_write_all (1, buf, (size_t) n);
        }
      if (p[0].revents)
        {
          ssize_t n = read (0, buf, sizeof buf);
          size_t len = 0;
          if (n <= 0)
            stdin_open = false;
          else if (escape_filter (&esc, buf, (size_t) n, out, &len))
            detached = true;
          if (len > 0 && !read_only)
            frame_send (sock, CONSOLE_DATA, out, (uint16_t) len);
        }
      if (p[2].revents)
        {
          struct signalfd_siginfo si;
          if (read (sfd, &si, sizeof si) > 0)
            send_winsize (sock);
        }
    }
  if (sock >= 0)
    close (sock);
  tty_proxy_restore (&tty);
  if (tty.is_tty && !ctx->quiet)
    fprintf (stderr, "\nDetached from CT %d\n", ctid);
  return 0;
}
