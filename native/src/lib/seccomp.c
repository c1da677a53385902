/* Installs the CT seccomp filter: the deny list and why each entry is on it
   are in src/gen/seccomp-gen.c, which compiles it with libseccomp when
   corralctl is built; here the program is only loaded.  */
#include "isolation.h"
#include "seccomp-bpf.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <sys/syscall.h>
#include <unistd.h>

int
seccomp_apply (corral_error_t *err)
{
  /* The kernel copies the program; it never writes through this pointer.  */
  struct sock_fprog prog = { .len = corral_seccomp_len, .filter = (struct sock_filter *) corral_seccomp_insns };

  if (syscall (SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "load seccomp filter");
  return 0;
}
