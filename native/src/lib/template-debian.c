/* The debian-12 template: debootstrap --variant=minbase from Debian's
   default mirror plus an init, sshd and ifupdown, then the CT-specific bits
   taken out (host keys, machine-id) so every CT gets its own.  */
#include "template-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exec-argv.h"

#define DEBOOTSTRAP "/usr/sbin/debootstrap"
#define SUITE "bookworm"

/* CORRAL_DEBIAN_INIT=sysvinit picks sysvinit-core; systemd is the default
   (see native/README.md for the user-namespace check).  */
static const char *
debian_init (void)
{
  const char *v = getenv ("CORRAL_DEBIAN_INIT");
  return v && strcmp (v, "sysvinit") == 0 ? "sysvinit" : "systemd";
}

/* Host keys are made on first boot, never shipped in the template.  */
static const char keygen_unit[] =
  "[Unit]\n"
  "Description=Generate SSH host keys for this CT (Corral)\n"
  "Before=ssh.service\n"
  "ConditionPathExists=!/etc/ssh/ssh_host_ed25519_key\n"
  "\n"
  "[Service]\n"
  "Type=oneshot\n"
  "ExecStart=/usr/bin/ssh-keygen -A\n"
  "\n"
  "[Install]\n"
  "WantedBy=multi-user.target\n";

static const char *const masked[] = { "sys-kernel-debug.mount", "sys-kernel-tracing.mount" };

/* sysvinit: Debian's inittab lists tty1-6, which a CT does not have; the
   CT's terminal is /dev/console.  */
static const char sysv_inittab[] =
  "# Corral debian-12 (sysvinit): getty on the CT console.\n"
  "id:2:initdefault:\n"
  "si::sysinit:/etc/init.d/rcS\n"
  "l0:0:wait:/etc/init.d/rc 0\n"
  "l1:1:wait:/etc/init.d/rc 1\n"
  "l2:2:wait:/etc/init.d/rc 2\n"
  "l3:3:wait:/etc/init.d/rc 3\n"
  "l4:4:wait:/etc/init.d/rc 4\n"
  "l5:5:wait:/etc/init.d/rc 5\n"
  "l6:6:wait:/etc/init.d/rc 6\n"
  "ca:12345:ctrlaltdel:/sbin/shutdown -t1 -r now\n"
  "pf::powerwait:/sbin/shutdown -t1 -h now\n"
  "co:2345:respawn:/sbin/agetty --noclear -L console 115200 vt102\n";

static const char interfaces[] =
  "# Replaced by corralctl from the CT config at every start.\n"
  "auto lo\n"
  "iface lo inet loopback\n"
  "\n"
  "source /etc/network/interfaces.d/*\n";

static int
write_rel (int rootfd, const char *dir, const char *name, const char *content, mode_t mode, corral_error_t *err)
{
  int dfd = openat (rootfd, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  if (dfd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "open `%s`", dir);
  int ret = template_write_at (dfd, name, content, mode, 0, 0, err);
  close (dfd);
  return ret;
}

/* The tail of debootstrap's log says why it failed.  */
static void
log_tail (const char *log, corral_error_t *err)
{
  char buf[200] = "";
  int fd = open (log, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  off_t end = lseek (fd, 0, SEEK_END);
  if (pread (fd, buf, sizeof buf - 1, end > 199 ? end - 199 : 0) > 0)
    {
      for (char *p = buf; *p; p++)
        if (*p == '\n')
          *p = ' ';
      corral_error_wrap (err, "debootstrap log ends `%s`", buf);
    }
  close (fd);
}

int
template_build_debian (const char *rootfs, const char *workdir, template_progress_fn progress, void *data,
                       char *init, size_t init_len, corral_error_t *err)
{
  char log[420], include[200];
  const char *kind = debian_init ();
  int ret;

  snprintf (init, init_len, "%s", kind);
  snprintf (include, sizeof include, "%s,openssh-server,ifupdown,iproute2,iputils-ping,netbase,procps,less",
            strcmp (kind, "systemd") == 0 ? "systemd-sysv,dbus" : "sysvinit-core,orphan-sysvinit-scripts");
  snprintf (log, sizeof log, "%s/debootstrap.log", workdir);
  int logfd = open (log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (logfd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "create `%s`", log);
  if (progress)
    progress ("debootstrap --variant=minbase " SUITE " (takes minutes)", data);
  const char *argv[] = { DEBOOTSTRAP, "--variant=minbase", "--include", include, SUITE, rootfs, NULL };
  exec_opts_t o = EXEC_OPTS_INIT;
  o.out_fd = logfd;
  ret = exec_argv_run (argv, &o, err);
  close (logfd);
  if (ret < 0)
    {
      log_tail (log, err);
      return ret;
    }

  if (progress)
    progress ("configuring console, network and sshd", data);
  int rootfd = open (rootfs, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (rootfd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "open `%s`", rootfs);
  if ((ret = write_rel (rootfd, "etc/network", "interfaces", interfaces, 0644, err)) < 0
      || (ret = write_rel (rootfd, "etc", "hostname", "localhost\n", 0644, err)) < 0
      || (ret = write_rel (rootfd, "etc", "hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n",
                           0644, err)) < 0
      /* Empty: systemd makes a fresh one per boot, so CTs never share it.  */
      || (ret = write_rel (rootfd, "etc", "machine-id", "", 0444, err)) < 0)
    goto out;
  if (strcmp (kind, "systemd") == 0)
    {
      if ((ret = write_rel (rootfd, "etc/systemd/system", "corral-ssh-keygen.service", keygen_unit, 0644, err)) < 0)
        goto out;
      mkdirat (rootfd, "etc/systemd/system/multi-user.target.wants", 0755);
      unlinkat (rootfd, "etc/systemd/system/multi-user.target.wants/corral-ssh-keygen.service", 0);
      if (symlinkat ("/etc/systemd/system/corral-ssh-keygen.service", rootfd,
                     "etc/systemd/system/multi-user.target.wants/corral-ssh-keygen.service") < 0)
        {
          ret = corral_error (err, EXIT_SYSTEM, errno, "enable corral-ssh-keygen.service");
          goto out;
        }
      /* debugfs and tracefs cannot be mounted in a user namespace; left
         alone they fail and leave the CT "degraded".  */
      for (size_t i = 0; i < sizeof masked / sizeof masked[0]; i++)
        {
          char path[128];
          snprintf (path, sizeof path, "etc/systemd/system/%s", masked[i]);
          unlinkat (rootfd, path, 0);
          if (symlinkat ("/dev/null", rootfd, path) < 0)
            {
              ret = corral_error (err, EXIT_SYSTEM, errno, "mask `%s`", masked[i]);
              goto out;
            }
        }
    }
  else
    {
      if ((ret = write_rel (rootfd, "etc", "inittab", sysv_inittab, 0644, err)) < 0
          /* /etc/init.d/ssh sources this file before starting sshd.  */
          || (ret = write_rel (rootfd, "etc/default", "ssh",
                               "# Corral: host keys are made on first boot.\n"
                               "ssh-keygen -A >/dev/null 2>&1 || true\nSSHD_OPTS=\n", 0644, err)) < 0)
        goto out;
    }
  /* Drop what must differ per CT or only bloats the cache.  */
  const char *rm_argv[] = { "/usr/bin/find", rootfs, "-xdev", "(", "-path", "*/etc/ssh/ssh_host_*", "-o", "-path",
                            "*/var/cache/apt/archives/*.deb", "-o", "-path", "*/var/lib/apt/lists/*_Packages",
                            ")", "-type", "f", "-delete", NULL };
  ret = exec_argv_run (rm_argv, NULL, err);
out:
  close (rootfd);
  return ret;
}
