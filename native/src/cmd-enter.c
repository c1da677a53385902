/* enter CTID: a root login shell on a pty from the CT's own devpts.  The
   pty master comes back to this host process over SCM_RIGHTS, so only the
   pty slave is ever inside the CT; this process proxies the caller's
   terminal (raw mode, SIGWINCH), or plain stdin/stdout without a tty.
   --output-socket PATH sends the CT's output to that unix socket instead
   of stdout and takes input from it as well as from stdin: the node agent
   keeps its pty for window size, signals and this process's own errors,
   but reads the output in 64 KiB pieces instead of through a second pty
   (4 KiB per read), and a keystroke skips that pty's kernel worker.  */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd-util.h"
#include "ct-config.h"
#include "isolation.h"
#include "tty-proxy.h"

static int
send_fd (int sock, int fd)
{
  char byte = 'm';
  struct iovec iov = { &byte, 1 };
  union { struct cmsghdr h; char buf[CMSG_SPACE (sizeof (int))]; } u = { 0 };
  struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf };
  struct cmsghdr *c = CMSG_FIRSTHDR (&msg);

  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN (sizeof (int));
  memcpy (CMSG_DATA (c), &fd, sizeof fd);
  return sendmsg (sock, &msg, 0) < 0 ? -1 : 0;
}

static int
recv_fd (int sock, corral_error_t *report)
{
  union { corral_error_t err; char byte; } data;
  struct iovec iov = { &data, sizeof data };
  union { struct cmsghdr h; char buf[CMSG_SPACE (sizeof (int))]; } u;
  struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf };
  ssize_t n = recvmsg (sock, &msg, MSG_CMSG_CLOEXEC);
  struct cmsghdr *c = n > 0 ? CMSG_FIRSTHDR (&msg) : NULL;
  int fd;

  if (c && c->cmsg_type == SCM_RIGHTS)
    {
      memcpy (&fd, CMSG_DATA (c), sizeof fd);
      return fd;
    }
  if (n == (ssize_t) sizeof (corral_error_t))
    *report = data.err;
  else
    corral_error (report, EXIT_SYSTEM, 0, "enter: the helper died before handing over the pty");
  return -1;
}

/* Inside the CT: allocate the pty, hand the master out, become a login shell.  */
static _Noreturn void
enter_child (corral_ctx_t *ctx, int ctid, pid_t init_pid, bool in_dfl, int sock, const char *term)
{
  corral_error_t err = { 0 };
  pid_t pid;
  int status, master, slave;
  char term_env[80];

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (ns_join (&ctx->node, ctid, init_pid, in_dfl, &err) < 0)
    goto fail;
  pid = fork ();
  if (pid < 0)
    {
      corral_error (&err, EXIT_SYSTEM, errno, "fork in CT %d", ctid);
      goto fail;
    }
  if (pid > 0)
    {
      close (sock);
      while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
        ;
      _exit (WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status));
    }
  master = open ("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0 || unlockpt (master) < 0)
    {
      corral_error (&err, EXIT_SYSTEM, errno, "open `/dev/ptmx` in CT %d", ctid);
      goto fail;
    }
  slave = ioctl (master, TIOCGPTPEER, O_RDWR | O_NOCTTY);
  if (slave < 0)
    {
      corral_error (&err, EXIT_SYSTEM, errno, "open the pty slave in CT %d", ctid);
      goto fail;
    }
  if (send_fd (sock, master) < 0)
    _exit (125);
  close (master);
  setsid ();
  if (ioctl (slave, TIOCSCTTY, 0) < 0)
    {
      corral_error (&err, EXIT_SYSTEM, errno, "make the pty the controlling terminal");
      goto fail;
    }
  dup2 (slave, 0);
  dup2 (slave, 1);
  dup2 (slave, 2);
  if (slave > 2)
    close (slave);
  if (ns_finish_child (-1, &err) < 0)
    _exit (126);
  snprintf (term_env, sizeof term_env, "TERM=%s", term);
  char *env[] = { "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "USER=root",
                  "LOGNAME=root", "SHELL=/bin/sh", "HISTFILE=/dev/null", term_env, NULL };
  if (chdir ("/root") < 0)
    { /* stay in / */ }
  execle ("/bin/bash", "-bash", (char *) NULL, env);
  execle ("/bin/sh", "-sh", (char *) NULL, env);
  _exit (127);

fail:
  if (send (sock, &err, sizeof err, 0) < 0)
    _exit (125);
  _exit (126);
}

static void
set_winsize (int master)
{
  struct winsize ws;
  if (tty_proxy_winsize (&ws))
    ioctl (master, TIOCSWINSZ, &ws);   /* a failed resize is ignored */
}

/* Towards the agent's socket the CT's output is drained before it is
   passed on: a pty master hands over at most its line discipline's 4 KiB
   per read, and every write wakes the agent.  So reads go on until the
   master is empty or OUT_BYTES are gathered, then one write; a keystroke's
   echo still leaves at once, as the read after it finds nothing.  Towards
   a terminal (stdout) each read is written at once: a large write to a pty
   blocks until its reader caught up, and meanwhile the CT's side would
   not be read.  */
enum { OUT_BYTES = 64 * 1024 };

/* Returns false once the master is gone (EIO: the shell and everything
   on the pty exited), after writing what was read before.  */
static bool
enter_drain (int master, int to, char *out, bool gather)
{
  size_t len = 0;
  bool open = true;

  while (len < OUT_BYTES)
    {
      ssize_t n = read (master, out + len, OUT_BYTES - len);
      if (n > 0)
        {
          len += (size_t) n;
          if (!gather)
            break;
          continue;
        }
      if (n < 0 && errno == EINTR)
        continue;
      if (n == 0 || errno != EAGAIN)
        open = false;
      break;
    }
  if (len > 0 && !tty_proxy_write_all (to, out, len))
    return false;   /* the reader is gone */
  return open;
}

/* SOCK: the --output-socket connection, or -1.  */
static void
enter_proxy (int master, int sock, bool tty)
{
  int to = sock >= 0 ? sock : 1;
  sigset_t mask;
  int sfd;
  static char out[OUT_BYTES];
  char buf[16384];
  struct pollfd p[4];
  bool stdin_open = true;

  sigemptyset (&mask);
  sigaddset (&mask, SIGWINCH);
  sigprocmask (SIG_BLOCK, &mask, NULL);
  sfd = signalfd (-1, &mask, SFD_CLOEXEC);
  set_winsize (master);
  /* Only this process holds the master; writes to it wait for room in
     tty_proxy_write_all as before.  */
  fcntl (master, F_SETFL, fcntl (master, F_GETFL) | O_NONBLOCK);
  for (;;)
    {
      p[0] = (struct pollfd) { stdin_open ? 0 : -1, POLLIN, 0 };
      p[1] = (struct pollfd) { master, POLLIN, 0 };
      p[2] = (struct pollfd) { sfd, POLLIN, 0 };
      p[3] = (struct pollfd) { sock, POLLIN, 0 };
      if (poll (p, 4, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          return;
        }
      if (p[1].revents && !enter_drain (master, to, out, sock >= 0))
        return;
      if (p[0].revents)
        {
          ssize_t n = read (0, buf, sizeof buf);
          if (n <= 0)
            {
              /* No tty: end of input is end of session; ^D at a line start
                 is EOF for the shell.  */
              stdin_open = false;
              if (!tty)
                tty_proxy_write_all (master, "\n\004", 2);
            }
          else
            tty_proxy_write_all (master, buf, (size_t) n);
        }
      if (p[2].revents)
        {
          struct signalfd_siginfo si;
          if (read (sfd, &si, sizeof si) > 0)
            set_winsize (master);
        }
      if (p[3].revents)
        {
          ssize_t n = read (sock, buf, sizeof buf);
          if (n <= 0)
            return;   /* the agent closed the session */
          tty_proxy_write_all (master, buf, (size_t) n);
        }
    }
}

static int
connect_output (const char *path, corral_error_t *err)
{
  struct sockaddr_un sa = { .sun_family = AF_UNIX };
  int fd;

  if (strlen (path) >= sizeof sa.sun_path)
    return corral_error (err, EXIT_BADVALUE, 0, "--output-socket: the path is too long");
  strcpy (sa.sun_path, path);
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "create a socket");
  if (connect (fd, (struct sockaddr *) &sa, sizeof sa) < 0)
    {
      int e = errno;
      close (fd);
      return corral_error (err, EXIT_SYSTEM, e, "connect to `%s`", path);
    }
  return fd;
}

int
cmd_enter (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  static const struct option opts[] = { { "output-socket", required_argument, NULL, 'o' }, { NULL, 0, NULL, 0 } };
  const char *output = NULL;
  int sock = -1, c;
  int ctid, sv[2], status, master;
  ct_state_t st;
  pid_t pid;
  bool in_dfl;
  tty_proxy_t tty;
  const char *term = getenv ("TERM");

  while ((c = getopt_long (argc, argv, "", opts, NULL)) != -1)
    switch (c)
      {
      case 'o': output = optarg; break;
      default: return cmd_bad_option (argv, err);
      }
  if (cmd_ctid_arg (argc, argv, &ctid, err) < 0 || cmd_no_more_args (argc, argv, err) < 0)
    return -1;
  if (!ct_config_exists (&ctx->node, ctid))
    return corral_error (err, EXIT_NOTFOUND, 0, "CT %d does not exist", ctid);
  if (!ct_state_running (&ctx->node, ctid, &st))
    return corral_error (err, EXIT_NOTRUNNING, 0, "CT %d is not running", ctid);
  if (cmd_check_not_frozen (ctx, ctid, err) < 0)
    return -1;
  if (term == NULL || strlen (term) > 64 || strchr (term, '/'))
    term = "xterm";
  if (output && (sock = connect_output (output, err)) < 0)
    return -1;
  if (socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "create socket pair");
  fflush (NULL);
  pid = ns_fork_joining (&ctx->node, ctid, &in_dfl);
  if (pid < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "fork");
  if (pid == 0)
    {
      /* The caller's terminal never goes near the CT.  */
      int null = open ("/dev/null", O_RDWR | O_CLOEXEC);
      dup2 (null, 0);
      dup2 (null, 1);
      dup2 (null, 2);
      close (sv[0]);
      if (sock >= 0)
        close (sock);   /* the agent's socket stays on the host */
      enter_child (ctx, ctid, st.init_pid, in_dfl, sv[1], term);
    }
  close (sv[1]);
  /* A reader that went away ends the session (EPIPE), not this process;
     set after the fork so the CT's shell keeps the default.  */
  if (sock >= 0)
    signal (SIGPIPE, SIG_IGN);
  master = recv_fd (sv[0], err);
  close (sv[0]);
  if (master < 0)
    {
      if (sock >= 0)
        close (sock);
      waitpid (pid, &status, 0);
      return -1;
    }
  tty_proxy_raw (&tty);
  if (tty.is_tty && !ctx->quiet)
    fprintf (stderr, "entered into CT %d\r\n", ctid);
  enter_proxy (master, sock, tty.is_tty);
  tty_proxy_restore (&tty);
  close (master);
  if (sock >= 0)
    close (sock);   /* the reader sees the end of the output before the exit */
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  if (tty.is_tty && !ctx->quiet)
    fprintf (stderr, "exited from CT %d\n", ctid);
  ctx->exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
  return 0;
}
