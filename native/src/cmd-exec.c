/* exec CTID -- ARGV...: run ARGV in every namespace and the cgroup of the
   CT (vzctl's exec3: no shell), exit with its status.  The command gets
   pipes, not the caller's fds, so no host file or terminal is ever open
   inside the CT; this process copies the bytes (vzctl exec does the same).  */
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
#include <sys/wait.h>
#include <unistd.h>

#include "cmd-util.h"
#include "ct-config.h"
#include "isolation.h"

static char *const exec_env[] = {
  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "TERM=linux",
  "USER=root", "LOGNAME=root", NULL,
};

static const int forwarded[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static volatile pid_t child_pid;

static void
forward_signal (int sig)
{
  if (child_pid > 0)
    kill (child_pid, sig);
}

/* Runs in the child: join the CT, fork into its PID namespace, exec.  An
   error goes to ERR_FD as text and the exit status says 126/127.  */
static _Noreturn void
exec_child (corral_ctx_t *ctx, int ctid, pid_t init_pid, bool in_dfl, char **args, int err_fd)
{
  corral_error_t err = { 0 };
  pid_t pid;
  int status;

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (ns_join (&ctx->node, ctid, init_pid, in_dfl, &err) < 0)
    goto fail;
  pid = fork ();
  if (pid < 0)
    {
      corral_error (&err, EXIT_SYSTEM, errno, "fork in CT %d", ctid);
      goto fail;
    }
  if (pid == 0)
    {
      if (ns_finish_child (err_fd, &err) < 0)
        goto fail;
      /* A session of its own: the caller's terminal stops being the
         command's controlling tty, so TIOCSTI from the CT cannot type
         into the agent's or the admin's shell.  */
      setsid ();
      /* execvpe searches the PATH of this process's environment, not of
         the one it passes on: without this the host's PATH (the agent's,
         an admin's ~/.cargo/bin) was searched inside the CT first.  */
      setenv ("PATH", exec_env[0] + strlen ("PATH="), 1);
      execvpe (args[0], args, exec_env);
      corral_error (&err, errno == ENOENT ? 127 : 126, errno, "exec `%s` in CT %d", args[0], ctid);
      goto fail;
    }
  close (err_fd);
  /* Pass the caller's interrupts on to the command in the CT.  */
  child_pid = pid;
  struct sigaction sa = { .sa_handler = forward_signal };
  for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++)
    sigaction (forwarded[i], &sa, NULL);
  sigprocmask (SIG_UNBLOCK, &(sigset_t) { 0 }, NULL);
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  _exit (WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status));

fail:
  if (write (err_fd, &err, sizeof err) < 0)
    _exit (125);
  _exit (err.exit_code == 127 ? 127 : 126);
}

/* Copy IN to OUT; false on EOF or error.  */
static bool
pump (int in, int out)
{
  char buf[65536];
  ssize_t n = read (in, buf, sizeof buf);
  if (n <= 0)
    return n < 0 && errno == EINTR;
  for (ssize_t off = 0; off < n;)
    {
      ssize_t w = write (out, buf + off, (size_t) (n - off));
      if (w < 0)
        {
          if (errno == EINTR)
            continue;
          return false;
        }
      off += w;
    }
  return true;
}

int
cmd_exec (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  int ctid, in[2], out[2], errp[2], rep[2], status;
  ct_state_t st;
  pid_t pid;
  bool in_dfl;

  while (getopt_long (argc, argv, "+", (struct option[]) { { NULL, 0, NULL, 0 } }, NULL) != -1)
    return cmd_bad_option (argv, err);
  if (cmd_ctid_arg (argc, argv, &ctid, err) < 0)
    return -1;
  if (optind < argc && strcmp (argv[optind], "--") == 0)
    optind++;
  if (optind >= argc)
    return corral_error (err, EXIT_BADARG, 0, "exec: missing command after CTID");
  if (!ct_config_exists (&ctx->node, ctid))
    return corral_error (err, EXIT_NOTFOUND, 0, "CT %d does not exist", ctid);
  if (!ct_state_running (&ctx->node, ctid, &st))
    return corral_error (err, EXIT_NOTRUNNING, 0, "CT %d is not running", ctid);
  if (cmd_check_not_frozen (ctx, ctid, err) < 0)
    return -1;
  if (pipe2 (in, O_CLOEXEC) < 0 || pipe2 (out, O_CLOEXEC) < 0 || pipe2 (errp, O_CLOEXEC) < 0
      || pipe2 (rep, O_CLOEXEC) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "create pipes");
  signal (SIGPIPE, SIG_IGN);
  /* Interrupts arrive on a signalfd and are passed to the CT side.  */
  sigset_t sigs;
  sigemptyset (&sigs);
  for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++)
    sigaddset (&sigs, forwarded[i]);
  sigprocmask (SIG_BLOCK, &sigs, NULL);
  int sfd = signalfd (-1, &sigs, SFD_CLOEXEC);
  fflush (NULL);
  pid = ns_fork_joining (&ctx->node, ctid, &in_dfl);
  if (pid < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "fork");
  if (pid == 0)
    {
      signal (SIGPIPE, SIG_DFL);
      sigprocmask (SIG_UNBLOCK, &sigs, NULL);
      dup2 (in[0], 0);
      dup2 (out[1], 1);
      dup2 (errp[1], 2);
      /* Our copies of the pipe ends would keep the command's stdin open.  */
      close (in[1]);
      close (out[0]);
      close (errp[0]);
      close (rep[0]);
      exec_child (ctx, ctid, st.init_pid, in_dfl, argv + optind, rep[1]);
    }
  close (in[0]);
  close (out[1]);
  close (errp[1]);
  close (rep[1]);

  struct pollfd p[4] = { { 0, POLLIN, 0 }, { out[0], POLLIN, 0 }, { errp[0], POLLIN, 0 }, { sfd, POLLIN, 0 } };
  int open_outputs = 2;
  while (open_outputs > 0)
    {
      if (poll (p, 4, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      if (p[0].revents && !pump (0, in[1]))
        {
          p[0].fd = -1;
          close (in[1]);
        }
      if (p[3].revents)
        {
          struct signalfd_siginfo si;
          if (read (sfd, &si, sizeof si) == (ssize_t) sizeof si)
            kill (pid, (int) si.ssi_signo);
        }
      for (int i = 1; i < 3; i++)
        if (p[i].revents && !pump (p[i].fd, i))
          {
            close (p[i].fd);
            p[i].fd = -1;
            open_outputs--;
          }
    }
  if (p[0].fd >= 0)
    close (in[1]);
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  corral_error_t child_err;
  if (read (rep[0], &child_err, sizeof child_err) == (ssize_t) sizeof child_err)
    {
      close (rep[0]);
      *err = child_err;
      return -1;
    }
  close (rep[0]);
  ctx->exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
  return 0;
}
