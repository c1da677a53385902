#include "exec-argv.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const clean_env[] = {
  "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "HOME=/root", NULL
};

/* Runs in the child: every failure is reported on the status pipe as an
   errno so the parent can name what went wrong.  */
static void __attribute__ ((noreturn))
child (const char *const *argv, const exec_opts_t *o, int in_r, int errw, int status_w)
{
  int e;
  int devnull = open ("/dev/null", O_RDWR | O_CLOEXEC);

  if (o->netns_fd >= 0 && setns (o->netns_fd, CLONE_NEWNET) < 0)
    goto fail;
  if (o->cwd && chdir (o->cwd) < 0)
    goto fail;
  if (dup2 (in_r >= 0 ? in_r : devnull, 0) < 0
      || dup2 (o->out_fd >= 0 ? o->out_fd : devnull, 1) < 0
      || dup2 (o->out_fd >= 0 ? o->out_fd : errw, 2) < 0)
    goto fail;
  /* Nothing of the caller's (locks, sockets, the console) may leak into a tool.  */
  if (status_w > 3)
    close_range (3, status_w - 1, 0);
  close_range (status_w + 1, ~0U, 0);
  /* Dispositions set to SIG_IGN survive exec; a build ignores SIGINT so
     it can clean up, but the tool it runs must still die on Ctrl-C.  */
  signal (SIGINT, SIG_DFL);
  signal (SIGTERM, SIG_DFL);
  signal (SIGHUP, SIG_DFL);
  signal (SIGPIPE, SIG_DFL);
  sigset_t none;
  sigemptyset (&none);
  sigprocmask (SIG_SETMASK, &none, NULL);
  execve (argv[0], (char *const *) argv, (char *const *) clean_env);
fail:
  e = errno;
  if (write (status_w, &e, sizeof e) < 0)
    _exit (127);
  _exit (127);
}

int
exec_argv_run (const char *const *argv, const exec_opts_t *opts, corral_error_t *err)
{
  exec_opts_t o = EXEC_OPTS_INIT;
  int in_p[2] = { -1, -1 }, err_p[2] = { -1, -1 }, st_p[2] = { -1, -1 };
  char ebuf[400];
  size_t elen = 0;
  int ret = 0;

  if (opts)
    o = *opts;
  if ((o.input && pipe2 (in_p, O_CLOEXEC) < 0) || pipe2 (err_p, O_CLOEXEC) < 0
      || pipe2 (st_p, O_CLOEXEC) < 0)
    {
      ret = corral_error (err, EXIT_SYSTEM, errno, "create pipe for `%s`", argv[0]);
      goto out;
    }

  pid_t pid = fork ();
  if (pid < 0)
    {
      ret = corral_error (err, EXIT_SYSTEM, errno, "fork for `%s`", argv[0]);
      goto out;
    }
  if (pid == 0)
    child (argv, &o, in_p[0], err_p[1], st_p[1]);

  close (st_p[1]), st_p[1] = -1;
  close (err_p[1]), err_p[1] = -1;
  if (in_p[0] >= 0)
    close (in_p[0]), in_p[0] = -1;

  /* A SIGPIPE here would kill the caller if the tool exits early.  */
  struct sigaction ign = { .sa_handler = SIG_IGN }, old;
  sigaction (SIGPIPE, &ign, &old);
  size_t off = 0;
  while (in_p[1] >= 0 && off < o.input_len)
    {
      ssize_t n = write (in_p[1], o.input + off, o.input_len - off);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      off += n;
    }
  if (in_p[1] >= 0)
    close (in_p[1]), in_p[1] = -1;
  sigaction (SIGPIPE, &old, NULL);

  for (;;)
    {
      char tmp[512];
      ssize_t n = read (err_p[0], tmp, sizeof tmp);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      size_t take = (size_t) n < sizeof ebuf - 1 - elen ? (size_t) n : sizeof ebuf - 1 - elen;
      memcpy (ebuf + elen, tmp, take);
      elen += take;
    }
  ebuf[elen] = '\0';
  while (elen && (ebuf[elen - 1] == '\n' || ebuf[elen - 1] == ' '))
    ebuf[--elen] = '\0';
  for (char *p = ebuf; *p; p++)
    if (*p == '\n')
      *p = ' ';

  int child_errno = 0;
  if (read (st_p[0], &child_errno, sizeof child_errno) != sizeof child_errno)
    child_errno = 0;

  int status;
  while (waitpid (pid, &status, 0) < 0)
    if (errno != EINTR)
      {
        ret = corral_error (err, EXIT_SYSTEM, errno, "wait for `%s`", argv[0]);
        goto out;
      }
  if (child_errno)
    ret = corral_error (err, EXIT_SYSTEM, child_errno, "run `%s`", argv[0]);
  else if (WIFSIGNALED (status))
    ret = corral_error (err, EXIT_SYSTEM, 0, "`%s` killed by signal %d", argv[0], WTERMSIG (status));
  else if (WEXITSTATUS (status) != 0)
    ret = corral_error (err, EXIT_SYSTEM, 0, "`%s %s` exited with status %d%s%s", argv[0],
                        argv[1] ? argv[1] : "", WEXITSTATUS (status), elen ? ": " : "", ebuf);
out:
  for (int i = 0; i < 2; i++)
    {
      if (in_p[i] >= 0) close (in_p[i]);
      if (err_p[i] >= 0) close (err_p[i]);
      if (st_p[i] >= 0) close (st_p[i]);
    }
  return ret;
}
