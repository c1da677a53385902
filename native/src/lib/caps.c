/* The CT capability set.  Inside its own user namespace CT root's
   capabilities only reach objects that namespace owns, so this set is
   OpenVZ's CAPDEFAULTMASK_UPSTREAM (default + SYS_ADMIN + NET_ADMIN, which
   a system CT needs to mount its filesystems and run its network).  Left
   out: SYS_MODULE, SYS_RAWIO, SYS_PACCT, SYS_TIME, MAC_OVERRIDE, MAC_ADMIN,
   SYSLOG, WAKE_ALARM, BLOCK_SUSPEND, AUDIT_CONTROL, AUDIT_READ, PERFMON,
   BPF, CHECKPOINT_RESTORE: host-wide or kernel-level powers.  */
#include "isolation.h"

#include <errno.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

static const int keep[] = {
  CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER, CAP_FSETID, CAP_KILL, CAP_SETGID,
  CAP_SETUID, CAP_SETPCAP, CAP_LINUX_IMMUTABLE, CAP_NET_BIND_SERVICE, CAP_NET_BROADCAST, CAP_NET_ADMIN,
  CAP_NET_RAW, CAP_IPC_LOCK, CAP_IPC_OWNER, CAP_SYS_CHROOT, CAP_SYS_PTRACE, CAP_SYS_ADMIN,
  CAP_SYS_BOOT,  /* reboot(2) in a PID namespace is how init asks the monitor to restart or halt */
  CAP_SYS_NICE, CAP_SYS_RESOURCE, CAP_SYS_TTY_CONFIG, CAP_MKNOD, CAP_LEASE, CAP_AUDIT_WRITE, CAP_SETFCAP,
};

static bool
kept (int cap)
{
  for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
    if (keep[i] == cap)
      return true;
  return false;
}

int
caps_apply (corral_error_t *err)
{
  struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[2] = { { 0 } };
  int last = CAP_LAST_CAP;

  /* The running kernel may know more or fewer capabilities than our
     headers: PR_CAPBSET_READ fails past its last one.  Probed from ours
     outwards, two calls on a kernel that matches (41 from zero were a
     quarter of a millisecond of every start here).  */
  while (last > 0 && prctl (PR_CAPBSET_READ, last, 0, 0, 0) < 0)
    last--;
  while (last < 63 && prctl (PR_CAPBSET_READ, last + 1, 0, 0, 0) >= 0)
    last++;
  for (int cap = 0; cap <= last; cap++)
    if (!kept (cap) && prctl (PR_CAPBSET_DROP, cap, 0, 0, 0) < 0)
      return corral_error (err, EXIT_SYSTEM, errno, "drop capability %d from the bounding set", cap);
  for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
    {
      int cap = keep[i];
      data[cap / 32].effective |= 1u << (cap % 32);
      data[cap / 32].permitted |= 1u << (cap % 32);
    }
  if (syscall (SYS_capset, &hdr, data) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "set capabilities");
  prctl (PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
  return 0;
}
