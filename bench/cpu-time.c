/* cpu-time CMD ARGS...: run CMD with stdout on /dev/null and print the µs
   of CPU (user + sys) it and its children used.  posix_spawn from a small
   process, because fork from a big one (python) bills the copy to the child.  */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int
main (int argc, char **argv)
{
  posix_spawn_file_actions_t fa;
  struct rusage r;
  pid_t pid;
  int status;

  if (argc < 2)
    return 2;
  posix_spawn_file_actions_init (&fa);
  posix_spawn_file_actions_addopen (&fa, 1, "/dev/null", O_WRONLY, 0);
  if (posix_spawnp (&pid, argv[1], &fa, NULL, argv + 1, environ) != 0)
    return 127;
  waitpid (pid, &status, 0);
  getrusage (RUSAGE_CHILDREN, &r);
  printf ("%ld\n", (r.ru_utime.tv_sec + r.ru_stime.tv_sec) * 1000000L + r.ru_utime.tv_usec + r.ru_stime.tv_usec);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 1;
}
