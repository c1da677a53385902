/* The peer for bench/stats: the cheapest honest way to read six cgroup
   counters per CT from C, by path (open/read/close) and with the files
   kept open (pread at offset 0).  Prints µs of CPU per CT per sample for
   both.  Usage: stats-peer CGROUP_PARENT SAMPLES CTID...  */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

static const char *const files[6][2] = {
  { "cpuacct", "cpuacct.usage" }, { "memory", "memory.usage_in_bytes" }, { "memory", "memory.max_usage_in_bytes" },
  { "memory", "memory.limit_in_bytes" }, { "pids", "pids.current" }, { "memory", "memory.failcnt" },
};

static double
cpu_us (void)
{
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

int
main (int argc, char **argv)
{
  const char *parent = argv[1];
  int samples = atoi (argv[2]), n = argc - 3;
  char path[512], buf[4096];
  int *fds = malloc (sizeof (int) * 6 * (size_t) n);
  unsigned long long sink = 0;
  double t0, t1, t2;
  struct rlimit rl = { 1 << 16, 1 << 16 };
  setrlimit (RLIMIT_NOFILE, &rl);

  t0 = cpu_us ();
  for (int s = 0; s < samples; s++)
    for (int i = 0; i < n; i++)
      for (int f = 0; f < 6; f++)
        {
          snprintf (path, sizeof path, "/sys/fs/cgroup/%s/%s/%s/%s", files[f][0], parent, argv[3 + i], files[f][1]);
          int fd = open (path, O_RDONLY | O_CLOEXEC);
          if (fd < 0)
            continue;
          ssize_t r = read (fd, buf, sizeof buf - 1);
          if (r > 0)
            sink += (unsigned long long) strtoull (buf, NULL, 10);
          close (fd);
        }
  t1 = cpu_us ();
  for (int i = 0; i < n; i++)
    for (int f = 0; f < 6; f++)
      {
        snprintf (path, sizeof path, "/sys/fs/cgroup/%s/%s/%s/%s", files[f][0], parent, argv[3 + i], files[f][1]);
        fds[i * 6 + f] = open (path, O_RDONLY | O_CLOEXEC);
      }
  double t1b = cpu_us (); /* opening once is not part of a sample */
  for (int s = 0; s < samples; s++)
    for (int i = 0; i < n * 6; i++)
      if (fds[i] >= 0)
        {
          ssize_t r = pread (fds[i], buf, sizeof buf - 1, 0);
          if (r > 0)
            sink += (unsigned long long) strtoull (buf, NULL, 10);
        }
  t2 = cpu_us ();
  printf ("%.2f %.2f\n", (t1 - t0) / samples / n, (t2 - t1b) / samples / n);
  fprintf (stderr, "%llu\n", sink & 1);
  return 0;
}
