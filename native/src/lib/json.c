#include "json.h"

#include <inttypes.h>
#include <math.h>

void
json_init (json_writer_t *w, FILE *out)
{
  w->out = out;
  w->depth = 0;
  w->need_comma[0] = false;
}

void
json_write_string (FILE *out, const char *s)
{
  fputc ('"', out);
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      switch (*p)
        {
        case '"': fputs ("\\\"", out); break;
        case '\\': fputs ("\\\\", out); break;
        case '\n': fputs ("\\n", out); break;
        case '\r': fputs ("\\r", out); break;
        case '\t': fputs ("\\t", out); break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            fprintf (out, "\\u%04x", *p);
          else
            fputc (*p, out);
        }
    }
  fputc ('"', out);
}

static void
prefix (json_writer_t *w, const char *key)
{
  if (w->need_comma[w->depth])
    fputc (',', w->out);
  w->need_comma[w->depth] = true;
  if (key)
    {
      json_write_string (w->out, key);
      fputc (':', w->out);
    }
}

void
json_obj_begin (json_writer_t *w, const char *key)
{
  prefix (w, key);
  fputc ('{', w->out);
  if (w->depth < 31)
    w->depth++;
  w->need_comma[w->depth] = false;
}

void
json_obj_end (json_writer_t *w)
{
  fputc ('}', w->out);
  if (w->depth > 0)
    w->depth--;
}

void
json_arr_begin (json_writer_t *w, const char *key)
{
  prefix (w, key);
  fputc ('[', w->out);
  if (w->depth < 31)
    w->depth++;
  w->need_comma[w->depth] = false;
}

void
json_arr_end (json_writer_t *w)
{
  fputc (']', w->out);
  if (w->depth > 0)
    w->depth--;
}

void
json_str (json_writer_t *w, const char *key, const char *value)
{
  prefix (w, key);
  if (value)
    json_write_string (w->out, value);
  else
    fputs ("null", w->out);
}

void
json_int (json_writer_t *w, const char *key, int64_t value)
{
  prefix (w, key);
  fprintf (w->out, "%" PRId64, value);
}

void
json_uint (json_writer_t *w, const char *key, uint64_t value)
{
  prefix (w, key);
  fprintf (w->out, "%" PRIu64, value);
}

void
json_double (json_writer_t *w, const char *key, double value)
{
  prefix (w, key);
  if (isfinite (value))
    fprintf (w->out, "%.6g", value);
  else
    fputs ("null", w->out);
}

void
json_bool (json_writer_t *w, const char *key, bool value)
{
  prefix (w, key);
  fputs (value ? "true" : "false", w->out);
}

void
json_null (json_writer_t *w, const char *key)
{
  prefix (w, key);
  fputs ("null", w->out);
}
