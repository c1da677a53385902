/* exec_argv_run: exit status, captured stderr, stdin, missing programs.  */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "exec-argv.h"
#include "tap.h"

int
main (void)
{
  corral_error_t err;
  exec_opts_t o = EXEC_OPTS_INIT;

  const char *t[] = { "/bin/true", NULL };
  ok (exec_argv_run (t, NULL, &err) == 0, "true exits 0");
  const char *f[] = { "/bin/sh", "-c", "echo 'bad thing' >&2; exit 3", NULL };
  ok (exec_argv_run (f, NULL, &err) < 0 && strstr (err.message, "exited with status 3: bad thing"),
      "status and stderr land in the error: %s", err.message);
  const char *m[] = { "/nonexistent/tool", NULL };
  ok (exec_argv_run (m, NULL, &err) < 0 && err.errnum == 2 && strstr (err.message, "`/nonexistent/tool`"),
      "a missing program reports ENOENT: %s", err.message);
  const char *c[] = { "/bin/sh", "-c", "read a b; [ \"$a$b\" = helloworld ]", NULL };
  o.input = "hello world\n";
  o.input_len = strlen (o.input);
  ok (exec_argv_run (c, &o, &err) == 0, "stdin is fed");
  const char *e[] = { "/bin/sh", "-c", "[ -z \"$SECRET\" ] && [ \"$PATH\" = /usr/sbin:/usr/bin:/sbin:/bin ]", NULL };
  setenv ("SECRET", "x", 1);
  ok (exec_argv_run (e, NULL, &err) == 0, "the environment is clean");
  int keep = open ("/dev/null", O_RDONLY);
  char script[64];
  snprintf (script, sizeof script, "[ ! -e /proc/self/fd/%d ]", keep);
  const char *fd[] = { "/bin/sh", "-c", script, NULL };
  ok (exec_argv_run (fd, NULL, &err) == 0, "the caller's fds are not inherited");
  close (keep);
  return tap_done ();
}
