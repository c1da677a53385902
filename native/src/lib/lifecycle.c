#include "lifecycle.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "ct-state.h"
#include "monitor.h"
#include "storage.h"

int
lifecycle_start (const node_config_t *node, const ct_config_t *ct, int lock_fd, bool force, pid_t *init_pid,
                 corral_error_t *err)
{
  ct_state_t st;
  const storage_ops_t *storage = storage_ops (ct->layout);
  char priv[400];

  if (ct->disabled && !force)
    return corral_error (err, EXIT_DISABLED, 0, "CT %d is disabled (DISABLED=yes); use --force", ct->ctid);
  if (ct_state_running (node, ct->ctid, &st))
    return corral_error (err, EXIT_RUNNING, 0, "CT %d is already running", ct->ctid);
  if (ct_state_wait_monitor (node, ct->ctid, err) < 0)
    return -1;
  if (storage == NULL)
    return corral_error (err, EXIT_BADVALUE, 0, "CT %d: unknown layout `%s`", ct->ctid, ct->layout);
  storage_private_path (node, ct->ctid, priv, sizeof priv);
  if (access (priv, F_OK) < 0)
    return corral_error (err, EXIT_NOTFOUND, errno, "CT %d: private area `%s` missing", ct->ctid, priv);
  /* The last stop's request was for the boots before this start.  */
  ct_state_clear_stop (node, ct->ctid);
  return monitor_start (node, ct, lock_fd, init_pid, err);
}

/* What each init takes as "power off" (not from vzctl, which runs halt
   inside): busybox init powers off on SIGUSR2 (SIGUSR1 halts, SIGTERM
   reboots), systemd on SIGRTMIN+4; SysV init reads /run/initctl, so
   anything else gets SIGPWR, which inittab's powerfail action handles.  */
static int
stop_signal_for (pid_t init_pid)
{
  char path[64], exe[PATH_MAX];
  ssize_t n;

  snprintf (path, sizeof path, "/proc/%d/exe", (int) init_pid);
  n = readlink (path, exe, sizeof exe - 1);
  if (n < 0)
    return SIGTERM;
  exe[n] = '\0';
  if (strstr (exe, "busybox"))
    return SIGUSR2;
  if (strstr (exe, "systemd"))
    return SIGRTMIN + 4;
  return SIGPWR;
}

/* pidfd: poll until PID exits; MS < 0 waits for ever.  */
static bool
wait_exit (int pidfd, int ms)
{
  struct pollfd p = { .fd = pidfd, .events = POLLIN };
  int r;
  do
    r = poll (&p, 1, ms);
  while (r < 0 && errno == EINTR);
  return r > 0;
}

int
lifecycle_stop (const node_config_t *node, int ctid, bool fast, int timeout, corral_error_t *err)
{
  ct_state_t st;
  cgroup_t cg;
  int initfd;

  /* One reading: a CT whose init just called reboot(2) is between boots,
     not down, and runs again a moment later.  */
  if (ct_state_probe (node, ctid, &st) == CT_DOWN)
    return corral_error (err, EXIT_NOTRUNNING, 0, "CT %d is not running", ctid);
  /* The request first, the state after: if the monitor did not see the
     request when init died, we see its "rebooting" here (monitor.c).  */
  if (ct_state_request_stop (node, ctid, err) < 0)
    return -1;
  switch (ct_state_probe (node, ctid, &st))
    {
    case CT_BETWEEN_BOOTS:
      /* No init to signal, yet the CT is not stopped: its monitor may be
         about to boot it again.  Tell the monitor, which kills the next
         boot and exits; a CT rebooting in a loop is stopped this way.  */
      kill (st.monitor_pid, SIGTERM);
      return ct_state_wait_monitor (node, ctid, err);
    case CT_DOWN:
      /* It stopped by itself meanwhile.  */
      return fast ? 0 : ct_state_wait_monitor (node, ctid, err);
    case CT_RUNNING:
      break;
    }
  /* We wait for init: it exits only after the kernel killed every other
     process of its PID namespace, so then the CT is gone.  The monitor
     then releases mounts, cgroups and the veth; a normal stop waits for
     that too, --fast leaves it to whoever starts or destroys the CT next
     (ct_state_wait_monitor).  */
  initfd = (int) syscall (SYS_pidfd_open, st.init_pid, 0);
  if (initfd < 0)
    return errno == ESRCH ? 0 : corral_error (err, EXIT_NOTRUNNING, errno, "CT %d: open its init", ctid);
  if (cgroup_open_ct (node, ctid, &cg, err) < 0)
    goto fail;
  /* Frozen tasks (suspend) would sit on both init's stop signal and
     SIGKILL: thaw first.  */
  char frozen[400];
  ct_state_path (node, ctid, "frozen", frozen, sizeof frozen);
  if (access (frozen, F_OK) == 0)
    {
      if (cg.ops->freeze (&cg, false, err) < 0)
        goto fail;
      unlink (frozen);
    }
  if (!fast)
    {
      syscall (SYS_pidfd_send_signal, initfd, stop_signal_for (st.init_pid), NULL, 0);
      if (wait_exit (initfd, timeout * 1000))
        {
          close (initfd);
          return ct_state_wait_monitor (node, ctid, err);
        }
    }
  /* The whole CT at once: cgroup.kill, or a frozen SIGKILL sweep.  */
  /* An init that ended by itself meanwhile (a reboot the monitor turned
     into a stop) may have taken the cgroup with it: not a failure.  */
  if (cg.ops->kill (&cg, err) < 0 && !wait_exit (initfd, 0))
    goto fail;
  if (!wait_exit (initfd, 30000))
    {
      corral_error (err, EXIT_NOTSTOPPED, 0, "CT %d did not stop within 30 s of SIGKILL", ctid);
      goto fail;
    }
  close (initfd);
  /* A normal stop returns with everything released, like vzctl's
     (unmounted); --fast returns as soon as the CT is dead.  */
  return fast ? 0 : ct_state_wait_monitor (node, ctid, err);

fail:
  close (initfd);
  return -1;
}
