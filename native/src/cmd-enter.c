/* enter CTID: a root login shell on a pty from the CT's own devpts.  The
   pty master comes back to this host process over SCM_RIGHTS, so only the
   pty slave is ever inside the CT; this process proxies the caller's
   terminal (raw mode, SIGWINCH), or plain stdin/stdout without a tty.  */
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
enter_child (corral_ctx_t *ctx, int ctid, pid_t init_pid, int sock, const char *term)
{
  corral_error_t err = { 0 };
  pid_t pid;
  int status, master, slave;
  char term_env[80];

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (ns_join (&ctx->node, ctid, init_pid, &err) < 0)
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

static void
enter_proxy (int master, bool tty)
{
  sigset_t mask;
  int sfd;
  char buf[16384];
  struct pollfd p[3];
  bool stdin_open = true;

  sigemptyset (&mask);
  sigaddset (&mask, SIGWINCH);
  sigprocmask (SIG_BLOCK, &mask, NULL);
  sfd = signalfd (-1, &mask, SFD_CLOEXEC);
  set_winsize (master);
  for (;;)
    {
      p[0] = (struct pollfd) { stdin_open ? 0 : -1, POLLIN, 0 };
      p[1] = (struct pollfd) { master, POLLIN, 0 };
      p[2] = (struct pollfd) { sfd, POLLIN, 0 };
      if (poll (p, 3, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          return;
        }
      if (p[1].revents)
        {
          ssize_t n = read (master, buf, sizeof buf);
          if (n <= 0)
            return;   /* EIO: the shell and everything on the pty exited */
          tty_proxy_write_all (1, buf, (size_t) n);
        }
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
    }
}

int
cmd_enter (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  int ctid, sv[2], status, master;
  ct_state_t st;
  pid_t pid;
  tty_proxy_t tty;
  const char *term = getenv ("TERM");

  while (getopt_long (argc, argv, "", (struct option[]) { { NULL, 0, NULL, 0 } }, NULL) != -1)
    return cmd_bad_option (argv, err);
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
  if (socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "create socket pair");
  fflush (NULL);
  pid = fork ();
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
      enter_child (ctx, ctid, st.init_pid, sv[1], term);
    }
  close (sv[1]);
  master = recv_fd (sv[0], err);
  close (sv[0]);
  if (master < 0)
    {
      waitpid (pid, &status, 0);
      return -1;
    }
  tty_proxy_raw (&tty);
  if (tty.is_tty && !ctx->quiet)
    fprintf (stderr, "entered into CT %d\r\n", ctid);
  enter_proxy (master, tty.is_tty);
  tty_proxy_restore (&tty);
  close (master);
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  if (tty.is_tty && !ctx->quiet)
    fprintf (stderr, "exited from CT %d\n", ctid);
  ctx->exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
  return 0;
}
