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

static inline int
tap_done (void)
{
  printf ("1..%d\n", tap_n);
  return tap_failed ? 1 : 0;
}
#endif
