#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "json.h"

const char *
corral_exit_code_name (int exit_code)
{
  switch (exit_code)
    {
    case EXIT_OK: return "ok";
    case EXIT_NOTFOUND: return "not_found";
    case EXIT_LOCKED: return "locked";
    case EXIT_BADARG: return "bad_argument";
    case EXIT_BADVALUE: return "bad_value";
    case EXIT_NOTRUNNING: return "not_running";
    case EXIT_RUNNING: return "running";
    case EXIT_NOTSTOPPED: return "stop_failed";
    case EXIT_EXISTS: return "exists";
    case EXIT_NOINIT: return "no_init";
    case EXIT_NOTEMPLATE: return "template_not_found";
    case EXIT_DISABLED: return "disabled";
    case EXIT_UNSUPPORTED: return "unsupported";
    default: return "system";
    }
}

static int
fill (corral_error_t *err, int exit_code, int errnum, const char *code, const char *fmt, va_list ap)
{
  if (err)
    {
      err->exit_code = exit_code;
      err->errnum = errnum;
      snprintf (err->code, sizeof err->code, "%s", code ? code : corral_exit_code_name (exit_code));
      vsnprintf (err->message, sizeof err->message, fmt, ap);
      if (errnum > 0)
        {
          size_t len = strlen (err->message);
          snprintf (err->message + len, sizeof err->message - len, ": %s", strerror (errnum));
        }
    }
  return errnum > 0 ? -errnum : -1;
}

int
corral_error (corral_error_t *err, int exit_code, int errnum, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  int ret = fill (err, exit_code, errnum, NULL, fmt, ap);
  va_end (ap);
  return ret;
}

int
corral_error_code (corral_error_t *err, int exit_code, int errnum, const char *code, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  int ret = fill (err, exit_code, errnum, code, fmt, ap);
  va_end (ap);
  return ret;
}

int
corral_error_wrap (corral_error_t *err, const char *fmt, ...)
{
  char prefix[256];
  char old[sizeof err->message];
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (prefix, sizeof prefix, fmt, ap);
  va_end (ap);
  memcpy (old, err->message, sizeof old);
  /* Cut the old message, not the prefix, when both do not fit.  */
  int room = (int) sizeof err->message - (int) strlen (prefix) - 3;
  snprintf (err->message, sizeof err->message, "%s: %.*s", prefix, room > 0 ? room : 0, old);
  return err->errnum > 0 ? -err->errnum : -1;
}

void
corral_error_print (const corral_error_t *err)
{
  json_writer_t w;
  json_init (&w, stderr);
  json_obj_begin (&w, NULL);
  json_obj_begin (&w, "error");
  json_str (&w, "code", err->code);
  json_int (&w, "errno", err->errnum);
  json_str (&w, "message", err->message);
  json_obj_end (&w);
  json_obj_end (&w);
  fputc ('\n', stderr);
  fflush (stderr);
}
