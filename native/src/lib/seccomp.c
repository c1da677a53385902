/* The CT seccomp filter: a deny list like LXC's, since a system CT must run
   arbitrary distributions.  Each entry is a known way out of a container or
   a host-wide action no CT should take, even one a capability check would
   already stop (defence in depth).  */
#include "isolation.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

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

/* The filter as compiled by seccomp_prepare, or len 0.  */
static struct sock_fprog prepared;

static scmp_filter_ctx
filter_build (corral_error_t *err)
{
  scmp_filter_ctx ctx = seccomp_init (SCMP_ACT_ALLOW);
  int ret;

  if (ctx == NULL)
    {
      corral_error (err, EXIT_SYSTEM, ENOMEM, "create seccomp filter");
      return NULL;
    }
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
          corral_error (err, EXIT_SYSTEM, -ret, "add seccomp rule for `%s`", denied[i]);
          return NULL;
        }
    }
  return ctx;
}

/* libseccomp's compiled BPF, exported through a memfd (2.5 has no
   export to memory).  seccomp_load of this context passes no flags and
   sets no no_new_privs (CTL_NNP 0), so loading the program with a bare
   seccomp(2) installs exactly the same filter.  */
void
seccomp_prepare (void)
{
  corral_error_t ignored;
  scmp_filter_ctx ctx;
  int fd;
  off_t len;

  if (prepared.len || (ctx = filter_build (&ignored)) == NULL)
    return;
  fd = memfd_create ("corral-seccomp", MFD_CLOEXEC);
  if (fd >= 0 && seccomp_export_bpf (ctx, fd) == 0 && (len = lseek (fd, 0, SEEK_END)) > 0
      && len % sizeof (struct sock_filter) == 0 && len / sizeof (struct sock_filter) <= BPF_MAXINSNS)
    {
      struct sock_filter *f = malloc (len);
      if (f && pread (fd, f, len, 0) == len)
        prepared = (struct sock_fprog) { .len = len / sizeof *f, .filter = f };
      else
        free (f);
    }
  if (fd >= 0)
    close (fd);
  seccomp_release (ctx);
}

int
seccomp_apply (corral_error_t *err)
{
  int ret;

  if (prepared.len)
    {
      if (syscall (SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prepared) < 0)
        return corral_error (err, EXIT_SYSTEM, errno, "load seccomp filter");
      return 0;
    }
  scmp_filter_ctx ctx = filter_build (err);
  if (ctx == NULL)
    return -1;
  ret = seccomp_load (ctx);
  seccomp_release (ctx);
  if (ret < 0)
    return corral_error (err, EXIT_SYSTEM, -ret, "load seccomp filter");
  return 0;
}
