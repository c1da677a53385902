/* Minimal TAP producer for the unit tests: `ok N - name` lines and a plan.  */
#ifndef CORRAL_TAP_H
#define CORRAL_TAP_H
#include <stdio.h>
#include <stdlib.h>

static int tap_n, tap_failed;

#define ok(cond, ...)                                                     \
  do {                                                                    \
    tap_n++;                                                              \
    if (cond) printf ("ok %d - ", tap_n);                                 \
    else { printf ("not ok %d - ", tap_n); tap_failed++; }                \
    printf (__VA_ARGS__);                                                 \
    putchar ('\n');                                                       \
  } while (0)

/* Writes VALUE to DIR/FILE: the fake cgroup and sysfs files the tests read.  */
static inline void
tap_put (const char *dir, const char *file, const char *value)
{
  char path[700];
  FILE *f;
  snprintf (path, sizeof path, "%s/%s", dir, file);
  f = fopen (path, "w");
  if (f == NULL)
    {
      perror (path);
      exit (99);
    }
  fputs (value, f);
  fclose (f);
}

static inline int
tap_done (void)
{
  printf ("1..%d\n", tap_n);
  return tap_failed ? 1 : 0;
}
#endif
