/* The busybox template: Debian's busybox-static as init, shell, getty and
   login, with a tiny rcS that reads the files template_write_ct_files()
   writes.  Builds in well under a second.  */
#include "template-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define BUSYBOX "/bin/busybox"

static const char inittab[] =
  "# Corral busybox template: busybox init is PID 1.\n"
  "::sysinit:/etc/init.d/rcS\n"
  "console::respawn:/sbin/getty -L 0 console vt100\n"
  "::ctrlaltdel:/sbin/reboot\n"
  "::shutdown:/etc/init.d/rcK\n"
  "::restart:/sbin/init\n";

/* The runtime mounts /proc, /sys, /dev, /dev/pts and /dev/shm before init
   runs; rcS only fills what is missing so the template also boots under a
   plain chroot+unshare.  */
static const char rcS[] =
  "#!/bin/sh\n"
  "# sysinit: mounts, hostname, network, then /etc/rc.d/S* start.\n"
  "PATH=/sbin:/bin:/usr/sbin:/usr/bin\n"
  "mounted() { grep -q \" $1 \" /proc/mounts 2>/dev/null; }\n"
  "mounted /proc || mount -t proc -o nosuid,nodev,noexec proc /proc\n"
  "mounted /sys || mount -t sysfs -o ro,nosuid,nodev,noexec sysfs /sys 2>/dev/null\n"
  "mounted /dev/pts || { mkdir -p /dev/pts; mount -t devpts -o newinstance,ptmxmode=0666,gid=5,mode=620 devpts /dev/pts; }\n"
  "mounted /dev/shm || { mkdir -p /dev/shm; mount -t tmpfs -o nosuid,nodev,mode=1777 shm /dev/shm; }\n"
  "mounted /run || mount -t tmpfs -o nosuid,nodev,mode=755 run /run\n"
  "[ -s /etc/hostname ] && hostname -F /etc/hostname\n"
  "/etc/init.d/network start\n"
  "for s in /etc/rc.d/S*; do [ -x \"$s\" ] && \"$s\" start; done\n"
  "exit 0\n";

static const char rcK[] =
  "#!/bin/sh\n"
  "# shutdown: /etc/rc.d/S* stop in reverse; busybox init then kills the rest.\n"
  "PATH=/sbin:/bin:/usr/sbin:/usr/bin\n"
  "for s in $(ls -r /etc/rc.d/S* 2>/dev/null); do [ -x \"$s\" ] && \"$s\" stop; done\n"
  "sync\n"
  "exit 0\n";

/* "replace" rather than "add": the host may have configured eth0 already.  */
static const char network[] =
  "#!/bin/sh\n"
  "# Applies /etc/corral/network (written by corralctl from the CT config).\n"
  "PATH=/sbin:/bin:/usr/sbin:/usr/bin\n"
  "IFACE=eth0 ADDRESSES= GATEWAY=\n"
  "[ -r /etc/corral/network ] && . /etc/corral/network\n"
  "case \"$1\" in\n"
  "start|restart|'')\n"
  "  ip link set lo up\n"
  "  ip link show \"$IFACE\" >/dev/null 2>&1 || exit 0\n"
  "  for a in $ADDRESSES; do ip addr replace \"$a\" dev \"$IFACE\"; done\n"
  "  ip link set \"$IFACE\" up\n"
  "  [ -n \"$GATEWAY\" ] && ip route replace default via \"$GATEWAY\" dev \"$IFACE\"\n"
  "  ;;\n"
  "stop) ;;\n"
  "esac\n"
  "exit 0\n";

/* Debian's busybox-static has no chpasswd applet; this one hashes with the
   mkpasswd applet (SHA-512) and rewrites /etc/shadow atomically.  */
static const char chpasswd[] =
  "#!/bin/sh\n"
  "# chpasswd: read user:password lines on stdin (busybox has no applet).\n"
  "PATH=/sbin:/bin:/usr/sbin:/usr/bin\n"
  "umask 077\n"
  "while IFS= read -r line; do\n"
  "  user=${line%%:*} pw=${line#*:}\n"
  "  [ -n \"$user\" ] && [ \"$user\" != \"$line\" ] || { echo \"chpasswd: bad line\" >&2; exit 1; }\n"
  "  hash=$(printf '%s' \"$pw\" | mkpasswd -m sha512 -P 0) || exit 1\n"
  "  grep -q \"^$user:\" /etc/shadow || { echo \"chpasswd: unknown user $user\" >&2; exit 1; }\n"
  "  awk -F: -v OFS=: -v u=\"$user\" -v h=\"$hash\" '$1==u{$2=h}1' /etc/shadow > /etc/shadow.new &&\n"
  "    mv /etc/shadow.new /etc/shadow || exit 1\n"
  "done\n";

static const struct
{
  const char *path;
  mode_t mode;
  const char *content;
} files[] = {
  { "etc/inittab", 0644, inittab },
  { "etc/init.d/rcS", 0755, rcS },
  { "etc/init.d/rcK", 0755, rcK },
  { "etc/init.d/network", 0755, network },
  { "usr/sbin/chpasswd", 0755, chpasswd },
  { "etc/passwd", 0644,
    "root:x:0:0:root:/root:/bin/sh\n"
    "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
    "sshd:x:100:65534::/run/sshd:/usr/sbin/nologin\n"
    "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n" },
  /* Root is locked until `create --userpasswd` sets a password.  */
  { "etc/shadow", 0600,
    "root:*:20000:0:99999:7:::\n"
    "daemon:*:20000:0:99999:7:::\n"
    "sshd:*:20000:0:99999:7:::\n"
    "nobody:*:20000:0:99999:7:::\n" },
  { "etc/group", 0644, "root:x:0:\ndaemon:x:1:\ntty:x:5:\nutmp:x:43:\nnogroup:x:65534:\n" },
  { "etc/hostname", 0644, "localhost\n" },
  { "etc/hosts", 0644, "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n" },
  { "etc/resolv.conf", 0644, "" },
  { "etc/shells", 0644, "/bin/sh\n/bin/ash\n" },
  { "etc/profile", 0644,
    "export PATH=/sbin:/bin:/usr/sbin:/usr/bin\n"
    "export PS1='\\u@\\h:\\w\\$ '\n"
    "umask 022\n" },
  { "etc/issue", 0644, "Corral busybox CT \\n (\\l)\n\n" },
  { "etc/os-release", 0644,
    "NAME=\"Corral busybox\"\nID=busybox\nPRETTY_NAME=\"Corral busybox (Debian busybox-static)\"\n" },
  { "etc/corral/network", 0644, "IFACE=eth0\nADDRESSES=\"\"\nGATEWAY=\n" },
};

static const struct
{
  const char *path;
  mode_t mode;
} dirs[] = {
  { "bin", 0755 }, { "sbin", 0755 }, { "usr", 0755 }, { "usr/bin", 0755 }, { "usr/sbin", 0755 },
  { "etc", 0755 }, { "etc/init.d", 0755 }, { "etc/rc.d", 0755 }, { "etc/corral", 0755 },
  { "dev", 0755 }, { "proc", 0555 }, { "sys", 0555 }, { "run", 0755 }, { "tmp", 01777 },
  { "root", 0700 }, { "home", 0755 }, { "mnt", 0755 }, { "var", 0755 }, { "var/log", 0755 },
  { "var/spool", 0755 }, { "var/spool/cron", 0755 }, { "var/spool/cron/crontabs", 0700 },
};

static int
copy_busybox (int rootfd, corral_error_t *err)
{
  int in = open (BUSYBOX, O_RDONLY | O_CLOEXEC);
  if (in < 0)
    return corral_error (err, EXIT_UNSUPPORTED, errno, "open `%s` (apt-get install busybox-static)", BUSYBOX);
  int out = openat (rootfd, "bin/busybox", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
  if (out < 0)
    {
      close (in);
      return corral_error (err, EXIT_SYSTEM, errno, "create `bin/busybox`");
    }
  char buf[1 << 16];
  ssize_t n;
  int ret = 0;
  while ((n = read (in, buf, sizeof buf)) > 0)
    if (write (out, buf, n) != n)
      {
        ret = corral_error (err, EXIT_SYSTEM, errno, "write `bin/busybox`");
        break;
      }
  if (n < 0)
    ret = corral_error (err, EXIT_SYSTEM, errno, "read `%s`", BUSYBOX);
  if (ret == 0 && fchmod (out, 0755) < 0)
    ret = corral_error (err, EXIT_SYSTEM, errno, "chmod `bin/busybox`");
  close (in);
  close (out);
  return ret;
}

/* One symlink per applet, from `busybox --list-full` run on the host's copy
   (the same binary we just copied, so it is not CT code).  */
static int
link_applets (int rootfd, corral_error_t *err)
{
  int p[2];
  if (pipe2 (p, O_CLOEXEC) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "pipe");
  pid_t pid = fork ();
  if (pid < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "fork");
  if (pid == 0)
    {
      dup2 (p[1], 1);
      execl (BUSYBOX, "busybox", "--list-full", (char *) NULL);
      _exit (127);
    }
  close (p[1]);
  FILE *f = fdopen (p[0], "r");
  char line[256];
  int ret = 0;
  while (f && fgets (line, sizeof line, f))
    {
      line[strcspn (line, "\n")] = '\0';
      if (!*line || strcmp (line, "bin/busybox") == 0 || strstr (line, ".."))
        continue;
      if (symlinkat ("/bin/busybox", rootfd, line) < 0 && errno != EEXIST && ret == 0)
        ret = corral_error (err, EXIT_SYSTEM, errno, "symlink `%s`", line);
    }
  if (f)
    fclose (f);
  int status;
  waitpid (pid, &status, 0);
  if (ret == 0 && !(WIFEXITED (status) && WEXITSTATUS (status) == 0))
    ret = corral_error (err, EXIT_SYSTEM, 0, "`%s --list-full` failed", BUSYBOX);
  return ret;
}

int
template_build_busybox (const char *rootfs, template_progress_fn progress, void *data, corral_error_t *err)
{
  int ret = 0;
  int rootfd = open (rootfs, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (rootfd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "open `%s`", rootfs);
  if (progress)
    progress ("populating rootfs", data);
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
    if (mkdirat (rootfd, dirs[i].path, dirs[i].mode) < 0 || fchmodat (rootfd, dirs[i].path, dirs[i].mode, 0) < 0)
      {
        ret = corral_error (err, EXIT_SYSTEM, errno, "create `%s`", dirs[i].path);
        goto out;
      }
  if (symlinkat ("../run", rootfd, "var/run") < 0)
    {
      ret = corral_error (err, EXIT_SYSTEM, errno, "symlink `var/run`");
      goto out;
    }
  if ((ret = copy_busybox (rootfd, err)) < 0 || (ret = link_applets (rootfd, err)) < 0)
    goto out;
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
    {
      char dir[128];
      const char *slash = strrchr (files[i].path, '/');
      snprintf (dir, sizeof dir, "%.*s", (int) (slash - files[i].path), files[i].path);
      int dfd = openat (rootfd, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (dfd < 0)
        {
          ret = corral_error (err, EXIT_SYSTEM, errno, "open `%s`", dir);
          goto out;
        }
      ret = template_write_at (dfd, slash + 1, files[i].content, files[i].mode, 0, 0, err);
      close (dfd);
      if (ret < 0)
        goto out;
    }
out:
  close (rootfd);
  return ret;
}
