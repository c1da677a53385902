/* Run a host program from an argv array (never through a shell), optionally
   inside a network namespace, feeding it stdin and capturing its stderr into
   the error.  Used by the template builders (tar, debootstrap) and by the CT
   network code (ip, nft).  */
#ifndef CORRAL_EXEC_ARGV_H
#define CORRAL_EXEC_ARGV_H

#include <stddef.h>
#include "error.h"

typedef struct exec_opts_s
{
  const char *input;    /* written to the child's stdin; NULL = /dev/null */
  size_t input_len;
  int out_fd;           /* child's stdout+stderr go here; -1 = stdout to /dev/null and
                           stderr captured into ERR on failure */
  int netns_fd;         /* -1, or a netns fd the child setns()es into before exec */
  const char *cwd;      /* NULL = unchanged */
} exec_opts_t;

#define EXEC_OPTS_INIT { NULL, 0, -1, -1, NULL }

/* Fork, exec ARGV[0] (an absolute path) with a clean environment, wait.
   Returns 0 when it exits 0, else a negative value with ERR naming the
   program, its status and the first line(s) of its stderr.  */
int exec_argv_run (const char *const *argv, const exec_opts_t *opts, corral_error_t *err);

#endif
