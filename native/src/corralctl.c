/* corralctl entry point: placeholder until the command table lands.  */
#include <stdio.h>
#include "error.h"

int
main (int argc, char **argv)
{
  (void) argc; (void) argv;
  corral_error_t err;
  corral_error (&err, EXIT_BADARG, 0, "no command given");
  corral_error_print (&err);
  return err.exit_code;
}
