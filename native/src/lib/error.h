/* One error model for all of corralctl (crun's convention): library functions
   return a negative value and fill a corral_error_t; only main() prints it and
   turns it into an exit code.  */
#ifndef CORRAL_ERROR_H
#define CORRAL_ERROR_H

#include <stddef.h>

/* Exit codes follow vzctl's table where vzctl has a counterpart
   (see native/README.md).  */
enum corral_exit
{
  EXIT_OK = 0,
  EXIT_SYSTEM = 1,       /* generic system failure */
  EXIT_NOTFOUND = 2,     /* CT does not exist (vzctl uses 11 for "not exist") */
  EXIT_LOCKED = 9,
  EXIT_BADARG = 20,      /* bad command line argument */
  EXIT_BADVALUE = 21,    /* bad value of an argument */
  EXIT_NOTRUNNING = 31,
  EXIT_RUNNING = 32,
  EXIT_NOTSTOPPED = 33,  /* could not stop */
  EXIT_EXISTS = 44,
  EXIT_NOINIT = 47,
  EXIT_NOTEMPLATE = 91,
  EXIT_DISABLED = 105,
  EXIT_UNSUPPORTED = 110 /* kernel or tool cannot do it here (e.g. CRIU) */
};

typedef struct corral_error_s
{
  int exit_code;         /* one of enum corral_exit */
  int errnum;            /* errno, 0 if none */
  char code[32];         /* stable machine code, e.g. "not_found", "bad_value" */
  char message[512];     /* lowercase verb phrase, values in backticks */
} corral_error_t;

/* Fill ERR from errno-ish ERRNUM with a formatted message; returns -1 (or
   -ERRNUM when ERRNUM > 0) so callers can `return corral_error (...)`.
   The code is derived from EXIT via corral_exit_code_name().  */
int corral_error (corral_error_t *err, int exit_code, int errnum, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));

/* Same, with an explicit machine code.  */
int corral_error_code (corral_error_t *err, int exit_code, int errnum, const char *code,
                       const char *fmt, ...) __attribute__ ((format (printf, 5, 6)));

/* Prefix an existing error's message with context: "start CT 101: <old>".  */
int corral_error_wrap (corral_error_t *err, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

const char *corral_exit_code_name (int exit_code);

/* Write ERR as one JSON line on stderr: {"error":{"code":..,"errno":..,"message":..}}.  */
void corral_error_print (const corral_error_t *err);

#endif
