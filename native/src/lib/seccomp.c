/* The CT seccomp filter: a deny list like LXC's, since a system CT must run
   arbitrary distributions.  Each entry is a known way out of a container or
   a host-wide action no CT should take, even one a capability check would
   already stop (defence in depth).  */
#include "isolation.h"

#include <errno.h>
#include <seccomp.h>

static const char *const denied[] = {
  "kexec_load", "kexec_file_load",                 /* replace the host kernel */
  "init_module", "finit_module", "delete_module",  /* load kernel code */
  "open_by_handle_at",                             /* "shocker": open host files by handle */
  "iopl", "ioperm",                                /* raw port I/O */
  "swapon", "swapoff", "acct",                     /* host-wide */
  "settimeofday", "clock_settime", "clock_adjtime", "adjtimex",
  "lookup_dcookie", "perf_event_open", "bpf", "userfaultfd",
  "add_key", "request_key", "keyctl",              /* the keyring is not namespaced */
  "nfsservctl", "vm86", "vm86old", "uselib",
};

int
seccomp_apply (corral_error_t *err)
{
  scmp_filter_ctx ctx = seccomp_init (SCMP_ACT_ALLOW);
  int ret;

  if (ctx == NULL)
    return corral_error (err, EXIT_SYSTEM, ENOMEM, "create seccomp filter");
  /* No no_new_privs: the CT needs setuid binaries (su, passwd); CT root
     has CAP_SYS_ADMIN in its own user namespace, which suffices.  */
  seccomp_attr_set (ctx, SCMP_FLTATR_CTL_NNP, 0);
  for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++)
    {
      int nr = seccomp_syscall_resolve_name (denied[i]);
      if (nr == __NR_SCMP_ERROR)
        continue;   /* not on this architecture */
      ret = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), nr, 0);
      if (ret < 0)
        {
          seccomp_release (ctx);
          return corral_error (err, EXIT_SYSTEM, -ret, "add seccomp rule for `%s`", denied[i]);
        }
    }
  ret = seccomp_load (ctx);
  seccomp_release (ctx);
  if (ret < 0)
    return corral_error (err, EXIT_SYSTEM, -ret, "load seccomp filter");
  return 0;
}
