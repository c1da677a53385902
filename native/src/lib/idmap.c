#include "isolation.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int
write_map (pid_t pid, const char *file, const char *map, corral_error_t *err)
{
  char path[64];
  int fd;
  ssize_t len = (ssize_t) strlen (map);

  snprintf (path, sizeof path, "/proc/%d/%s", (int) pid, file);
  fd = open (path, O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "open `%s`", path);
  if (write (fd, map, (size_t) len) != len)
    {
      int e = errno;
      close (fd);
      return corral_error (err, EXIT_SYSTEM, e, "write `%s`", path);
    }
  close (fd);
  return 0;
}

int
idmap_write (pid_t pid, uint32_t base, uint32_t size, corral_error_t *err)
{
  char map[64];

  /* Written by the host-root monitor, so setgroups need not be denied:
     CT root keeps setgroups(2), which login and su need.  */
  snprintf (map, sizeof map, "0 %u %u\n", base, size);
  if (write_map (pid, "uid_map", map, err) < 0 || write_map (pid, "gid_map", map, err) < 0)
    return -1;
  return 0;
}
