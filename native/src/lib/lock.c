#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>

int
lock_ct (const node_config_t *node, int ctid, bool wait, corral_error_t *err)
{
  char path[400];
  int fd;

  snprintf (path, sizeof path, "%s/%d.lock", node->run_dir, ctid);
  fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "open `%s`", path);
  while (flock (fd, LOCK_EX | (wait ? 0 : LOCK_NB)) < 0)
    {
      int e = errno;
      if (e == EINTR)
        continue;
      close (fd);
      if (e == EWOULDBLOCK)
        return corral_error (err, EXIT_LOCKED, 0, "CT %d is locked by another command", ctid);
      return corral_error (err, EXIT_SYSTEM, e, "lock `%s`", path);
    }
  return fd;
}

void
lock_release (int fd)
{
  if (fd >= 0)
    close (fd);
}
