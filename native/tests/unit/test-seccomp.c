/* The seccomp filter compiled into corralctl at build time
   (src/gen/seccomp-gen.c): loaded by seccomp_apply in a child process, it
   answers EPERM to the denied calls and lets every other call through.  */
#include "tap.h"

#include "isolation.h"
#include "seccomp-bpf.h"

#include <errno.h>
#include <linux/filter.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* In a child: 0 if NR (with zero arguments) fails with EPERM, 1 otherwise.  */
static int
denied_in_child (long nr)
{
  errno = 0;
  return syscall (nr, 0, 0, 0, 0, 0) == -1 && errno == EPERM ? 0 : 1;
}

static int
seccomp_mode (void)
{
  char line[256];
  int mode = -1;
  FILE *f = fopen ("/proc/self/status", "r");

  while (f && fgets (line, sizeof line, f))
    if (strncmp (line, "Seccomp:", 8) == 0)
      mode = atoi (line + 8);
  if (f)
    fclose (f);
  return mode;
}

int
main (void)
{
  int status;
  pid_t pid;

  ok (corral_seccomp_len > 4 && corral_seccomp_len <= BPF_MAXINSNS, "the generated program has %u instructions", corral_seccomp_len);
  /* The first instruction loads the architecture (seccomp_data.arch at offset 4). */
  ok (corral_seccomp_insns[0].code == (BPF_LD | BPF_W | BPF_ABS) && corral_seccomp_insns[0].k == 4, "it starts by checking the architecture");
  if (geteuid () != 0)
    {
      /* Without no_new_privs, seccomp(2) needs CAP_SYS_ADMIN.  */
      ok (1, "# SKIP loading the filter needs root");
      return tap_done ();
    }
  pid = fork ();
  if (pid == 0)
    {
      corral_error_t err = { 0 };
      int bad = 0;
      if (seccomp_apply (&err) < 0)
        _exit (100);
      bad |= denied_in_child (SYS_keyctl) << 0;
      bad |= denied_in_child (SYS_add_key) << 1;
      bad |= denied_in_child (SYS_perf_event_open) << 2;
      bad |= denied_in_child (SYS_kexec_load) << 3;
      bad |= denied_in_child (SYS_open_by_handle_at) << 4;
      bad |= (syscall (SYS_getppid) != getppid ()) << 5;  /* an allowed call goes through */
      bad |= (seccomp_mode () != 2) << 6;
      _exit (bad);
    }
  ok (pid > 0 && waitpid (pid, &status, 0) == pid && WIFEXITED (status), "the child ran");
  ok (WEXITSTATUS (status) != 100, "seccomp_apply loads the program");
  ok ((WEXITSTATUS (status) & 1) == 0, "keyctl is denied with EPERM");
  ok ((WEXITSTATUS (status) & 2) == 0, "add_key is denied with EPERM");
  ok ((WEXITSTATUS (status) & 4) == 0, "perf_event_open is denied with EPERM");
  ok ((WEXITSTATUS (status) & 8) == 0, "kexec_load is denied with EPERM");
  ok ((WEXITSTATUS (status) & 16) == 0, "open_by_handle_at is denied with EPERM");
  ok ((WEXITSTATUS (status) & 32) == 0, "an allowed call (getppid) goes through");
  ok ((WEXITSTATUS (status) & 64) == 0, "the child runs in seccomp filter mode (Seccomp: 2)");
  ok (seccomp_mode () == 0, "the parent is unfiltered");
  return tap_done ();
}
