#include <string.h>
#include "tap.h"
#include "json.h"
#include "error.h"

int
main (void)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream (&buf, &len);
  json_writer_t w;
  json_init (&w, f);
  json_obj_begin (&w, NULL);
  json_str (&w, "a", "x\"y\n");
  json_arr_begin (&w, "b");
  json_int (&w, NULL, -1);
  json_bool (&w, NULL, true);
  json_arr_end (&w);
  json_obj_end (&w);
  fclose (f);
  ok (strcmp (buf, "{\"a\":\"x\\\"y\\n\",\"b\":[-1,true]}") == 0, "json writer escapes and nests: %s", buf);
  free (buf);

  corral_error_t err;
  int r = corral_error (&err, EXIT_BADVALUE, 0, "invalid size `%s`", "12Q");
  ok (r < 0, "corral_error returns negative");
  ok (strcmp (err.code, "bad_value") == 0, "exit 21 maps to bad_value");
  corral_error_wrap (&err, "create CT %d", 101);
  ok (strcmp (err.message, "create CT 101: invalid size `12Q`") == 0, "wrap prefixes context");
  /* A message that fills the buffer: the prefix stays whole, the old text is cut.  */
  char longer[sizeof err.message + 16];
  memset (longer, 'x', sizeof longer - 1);
  longer[sizeof longer - 1] = '\0';
  corral_error (&err, EXIT_BADVALUE, 0, "%s", longer);
  corral_error_wrap (&err, "start CT %d", 102);
  ok (strncmp (err.message, "start CT 102: xxx", 17) == 0 && strlen (err.message) == sizeof err.message - 1,
      "wrap keeps the prefix and cuts the old message (%zu chars)", strlen (err.message));
  return tap_done ();
}
