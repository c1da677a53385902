/* A child about to exec something of its own (a CT's init, the node's
   lxcfs) must not take the monitor's signal state along: execve keeps
   blocked signals and ignored ones, and only resets handlers.  */
#ifndef CORRAL_SIGNALS_H
#define CORRAL_SIGNALS_H

/* Every signal to SIG_DFL, none blocked.  */
void signals_default (void);

#endif
