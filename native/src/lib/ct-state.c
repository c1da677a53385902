#include "ct-state.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kvfile.h"

void
ct_state_path (const node_config_t *node, int ctid, const char *suffix, char *buf, size_t size)
{
  snprintf (buf, size, "%s/%d.%s", node->run_dir, ctid, suffix);
}

static int
ct_state_set (void *data, const char *key, const char *value, corral_error_t *err)
{
  ct_state_t *st = data;
  (void) err;
  if (strcmp (key, "STATE") == 0)
    snprintf (st->state, sizeof st->state, "%s", value);
  else if (strcmp (key, "MONITOR_PID") == 0)
    st->monitor_pid = (pid_t) atol (value);
  else if (strcmp (key, "INIT_PID") == 0)
    st->init_pid = (pid_t) atol (value);
  else if (strcmp (key, "STARTED") == 0)
    st->started = atoll (value);
  else if (strcmp (key, "REBOOTS") == 0)
    st->reboots = atoi (value);
  else if (strcmp (key, "REASON") == 0)
    snprintf (st->reason, sizeof st->reason, "%s", value);
  return 0;
}

int
ct_state_load (const node_config_t *node, int ctid, ct_state_t *st, corral_error_t *err)
{
  char path[400];
  int ret;

  memset (st, 0, sizeof *st);
  strcpy (st->state, "stopped");
  ct_state_path (node, ctid, "state", path, sizeof path);
  ret = kvfile_read (path, ct_state_set, st, err);
  return ret < 0 ? ret : 0;
}

int
ct_state_save (const node_config_t *node, int ctid, const ct_state_t *st, corral_error_t *err)
{
  char path[400], mon[16], init[16], started[24], reboots[16], reason[400];
  const char *keys[] = { "STATE", "MONITOR_PID", "INIT_PID", "STARTED", "REBOOTS", "REASON" };
  const char *values[6];

  /* The reason carries error text; quotes would end the value early.  */
  snprintf (reason, sizeof reason, "%s", st->reason);
  for (char *p = reason; *p; p++)
    if (*p == '"' || *p == '\n')
      *p = '\'';
  snprintf (mon, sizeof mon, "%d", (int) st->monitor_pid);
  snprintf (init, sizeof init, "%d", (int) st->init_pid);
  snprintf (started, sizeof started, "%lld", st->started);
  snprintf (reboots, sizeof reboots, "%d", st->reboots);
  values[0] = st->state;
  values[1] = mon;
  values[2] = init;
  values[3] = started;
  values[4] = reboots;
  values[5] = reason;
  ct_state_path (node, ctid, "state", path, sizeof path);
  return kvfile_write (path, keys, values, 6, false, err);
}

static bool
monitor_alive (pid_t pid)
{
  char path[64], comm[32] = "";
  FILE *f;

  if (pid <= 0 || kill (pid, 0) < 0)
    return false;
  /* Guard against PID reuse after a node crash: the PID must still be a
     monitor.  */
  snprintf (path, sizeof path, "/proc/%d/comm", (int) pid);
  f = fopen (path, "re");
  if (f == NULL)
    return false;
  if (fgets (comm, sizeof comm, f) == NULL)
    comm[0] = '\0';
  fclose (f);
  return strncmp (comm, MONITOR_COMM, strlen (MONITOR_COMM)) == 0;
}

/* init killed but not yet reaped by its monitor is a zombie: the CT is
   already gone even though the state file still says running.  */
static bool
init_alive (pid_t pid)
{
  char path[64], buf[256], *p;
  int fd;
  ssize_t n;

  snprintf (path, sizeof path, "/proc/%d/stat", (int) pid);
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  n = read (fd, buf, sizeof buf - 1);
  close (fd);
  if (n <= 0)
    return false;
  buf[n] = '\0';
  p = strrchr (buf, ')');
  return p && p[1] == ' ' && p[2] != 'Z' && p[2] != 'X';
}

ct_liveness_t
ct_state_probe (const node_config_t *node, int ctid, ct_state_t *st)
{
  corral_error_t ignored;

  if (ct_state_load (node, ctid, st, &ignored) < 0)
    return CT_DOWN;
  if (strcmp (st->state, "running") != 0 && strcmp (st->state, "starting") != 0
      && strcmp (st->state, "rebooting") != 0)
    return CT_DOWN;
  if (!monitor_alive (st->monitor_pid))
    return CT_DOWN;
  return strcmp (st->state, "running") == 0 && init_alive (st->init_pid) ? CT_RUNNING : CT_BETWEEN_BOOTS;
}

bool
ct_state_running (const node_config_t *node, int ctid, ct_state_t *st)
{
  return ct_state_probe (node, ctid, st) == CT_RUNNING;
}

int
ct_state_request_stop (const node_config_t *node, int ctid, corral_error_t *err)
{
  char path[400];
  int fd;

  ct_state_path (node, ctid, "stop", path, sizeof path);
  fd = open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "CT %d: create `%s`", ctid, path);
  close (fd);
  return 0;
}

bool
ct_state_stop_requested (const node_config_t *node, int ctid)
{
  char path[400];
  ct_state_path (node, ctid, "stop", path, sizeof path);
  return access (path, F_OK) == 0;
}

void
ct_state_clear_stop (const node_config_t *node, int ctid)
{
  char path[400];
  ct_state_path (node, ctid, "stop", path, sizeof path);
  unlink (path);
}

int
ct_state_wait_monitor (const node_config_t *node, int ctid, corral_error_t *err)
{
  ct_state_t st;
  struct pollfd p;
  int fd;

  if (ct_state_load (node, ctid, &st, err) < 0)
    return -1;
  if (!monitor_alive (st.monitor_pid))
    return 0;
  fd = (int) syscall (SYS_pidfd_open, st.monitor_pid, 0);
  if (fd < 0)
    return 0;
  p = (struct pollfd) { .fd = fd, .events = POLLIN };
  while (poll (&p, 1, 30000) < 0 && errno == EINTR)
    ;
  close (fd);
  if (!(p.revents & POLLIN))
    return corral_error (err, EXIT_NOTSTOPPED, 0, "CT %d: its monitor is still releasing resources after 30 s", ctid);
  return 0;
}
