/* A tiny streaming JSON writer: enough for corralctl's -j output and errors.
   Keys are NULL inside arrays and for the top-level value.  */
#ifndef CORRAL_JSON_H
#define CORRAL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct json_writer_s
{
  FILE *out;
  int depth;
  bool need_comma[32];
} json_writer_t;

void json_init (json_writer_t *w, FILE *out);
void json_obj_begin (json_writer_t *w, const char *key);
void json_obj_end (json_writer_t *w);
void json_arr_begin (json_writer_t *w, const char *key);
void json_arr_end (json_writer_t *w);
void json_str (json_writer_t *w, const char *key, const char *value); /* NULL value -> null */
void json_int (json_writer_t *w, const char *key, int64_t value);
void json_uint (json_writer_t *w, const char *key, uint64_t value);
void json_double (json_writer_t *w, const char *key, double value);
void json_bool (json_writer_t *w, const char *key, bool value);
void json_null (json_writer_t *w, const char *key);

/* Write S as a quoted JSON string (escaping control characters and non-UTF-8-safe bytes).  */
void json_write_string (FILE *out, const char *s);

#endif
