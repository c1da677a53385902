#include "signals.h"

#include <signal.h>

void
signals_default (void)
{
  sigset_t none;

  /* SIGKILL, SIGSTOP and glibc's own two refuse with EINVAL: harmless.  */
  for (int sig = 1; sig < NSIG; sig++)
    signal (sig, SIG_DFL);
  sigemptyset (&none);
  sigprocmask (SIG_SETMASK, &none, NULL);
}
