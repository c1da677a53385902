/* `template build` and `template import`: everything happens in a hidden
   directory under template_dir and lands with one rename, so a failed or
   interrupted build leaves no cache behind.  */
#include "template-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exec-argv.h"
#include "tar-check.h"

#define TAR "/usr/bin/tar"
#define ZSTD "/usr/bin/zstd"

/* Pack ROOTFS into OUT (zstd if the CLI exists, gzip otherwise); /dev,
   /proc and /sys contents stay out: the runtime provides them.  */
static int
pack (const char *rootfs, const char *out, const char **format, corral_error_t *err)
{
  bool zstd = access (ZSTD, X_OK) == 0;
  const char *argv[] = { TAR, "--create", "--file", out, zstd ? "--zstd" : "--gzip", "--numeric-owner",
                         "--sort=name", "--one-file-system", "--exclude=./dev/*", "--exclude=./proc/*",
                         "--exclude=./sys/*", "--exclude=./run/*", "--directory", rootfs, ".", NULL };
  *format = zstd ? "zstd" : "gzip";
  return exec_argv_run (argv, NULL, err);
}

/* debootstrap mounts /proc and /sys in the target while it runs; killed
   half-way (Ctrl-C) it leaves them, and they must go before the work
   directory can.  Deepest first, detached.  */
static void
unmount_below (const char *dir)
{
  char *mounts[64];
  size_t n = 0, len = strlen (dir);
  char line[4096];
  FILE *f = fopen ("/proc/self/mountinfo", "re");
  if (!f)
    return;
  while (n < 64 && fgets (line, sizeof line, f))
    {
      char mp[4096];
      /* "id parent maj:min root mount-point ..." (no spaces in our paths).  */
      if (sscanf (line, "%*s %*s %*s %*s %4095s", mp) == 1 && strncmp (mp, dir, len) == 0 && mp[len] == '/')
        mounts[n++] = strdup (mp);
    }
  fclose (f);
  while (n > 0)
    {
      n--;
      if (mounts[n])
        umount2 (mounts[n], MNT_DETACH);
      free (mounts[n]);
    }
}

int
template_build (const node_config_t *node, const char *os, template_progress_fn progress, void *data,
                corral_error_t *err)
{
  char work[400], rootfs[420], cache[420], init[16] = "busybox";
  const char *format;
  tar_check_info_t info;
  struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_term, old_hup;
  int ret;

  if (strcmp (os, "busybox") != 0 && strcmp (os, "debian-12") != 0)
    return corral_error (err, EXIT_BADVALUE, 0, "unknown template to build `%s`: expected busybox or debian-12", os);
  int lock = template_lock (node, os, err);
  if (lock < 0)
    return lock;
  if ((ret = template_mkdtemp (node->template_dir, "build", work, sizeof work, err)) < 0)
    {
      template_unlock (node, os, lock);
      return ret;
    }
  /* Ctrl-C reaches the tool we run (same process group) and fails it; we
     stay alive to remove the work directory.  */
  sigaction (SIGINT, &ign, &old_int);
  sigaction (SIGTERM, &ign, &old_term);
  sigaction (SIGHUP, &ign, &old_hup);

  snprintf (rootfs, sizeof rootfs, "%s/rootfs", work);
  snprintf (cache, sizeof cache, "%s/cache.tar", work);
  if (mkdir (rootfs, 0755) < 0)
    {
      ret = corral_error (err, EXIT_SYSTEM, errno, "create `%s`", rootfs);
      goto out;
    }
  if (strcmp (os, "busybox") == 0)
    ret = template_build_busybox (rootfs, progress, data, err);
  else
    ret = template_build_debian (rootfs, work, progress, data, init, sizeof init, err);
  if (ret < 0)
    goto out;
  if (progress)
    progress ("packing the rootfs", data);
  if ((ret = pack (rootfs, cache, &format, err)) < 0)
    goto out;
  /* Our own output goes through the same checks as an import.  */
  if (progress)
    progress ("checking the archive", data);
  if ((ret = tar_check_file (cache, node->idmap_size, &info, err)) < 0)
    goto out;
  if (strcmp (info.init, init) != 0)
    {
      ret = corral_error (err, EXIT_SYSTEM, 0, "build `%s`: /sbin/init is `%s`, expected `%s`", os, info.init, init);
      goto out;
    }
  ret = template_store (node, os, cache, format, os, init, err);
out:
  if (ret < 0)
    corral_error_wrap (err, "build template `%s`", os);
  unmount_below (work);
  template_rm_rf (work);
  sigaction (SIGINT, &old_int, NULL);
  sigaction (SIGTERM, &old_term, NULL);
  sigaction (SIGHUP, &old_hup, NULL);
  template_unlock (node, os, lock);
  return ret;
}

int
template_import (const node_config_t *node, const char *file, const char *name, corral_error_t *err)
{
  char work[400], copy[420];
  tar_check_info_t info;
  int ret;

  if (!template_name_valid (name))
    return corral_error (err, EXIT_BADVALUE, 0,
                         "invalid template name `%s`: expected ^[a-z0-9][a-z0-9._-]{0,63}$", name);
  int in = open (file, O_RDONLY | O_CLOEXEC);
  if (in < 0)
    return corral_error (err, errno == ENOENT ? EXIT_BADVALUE : EXIT_SYSTEM, errno, "open `%s`", file);
  int lock = template_lock (node, name, err);
  if (lock < 0)
    {
      close (in);
      return lock;
    }
  if ((ret = template_mkdtemp (node->template_dir, "import", work, sizeof work, err)) < 0)
    goto out_close;
  /* Check the copy, not FILE: FILE could change between check and copy.  */
  snprintf (copy, sizeof copy, "%s/cache", work);
  int out = open (copy, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (out < 0)
    {
      ret = corral_error (err, EXIT_SYSTEM, errno, "create `%s`", copy);
      goto out;
    }
  char buf[1 << 16];
  ssize_t n;
  while ((n = read (in, buf, sizeof buf)) > 0)
    if (write (out, buf, n) != n)
      {
        ret = corral_error (err, EXIT_SYSTEM, errno, "write `%s`", copy);
        break;
      }
  if (n < 0 && ret == 0)
    ret = corral_error (err, EXIT_SYSTEM, errno, "read `%s`", file);
  close (out);
  if (ret < 0)
    goto out;
  if ((ret = tar_check_file (copy, node->idmap_size, &info, err)) < 0)
    goto out;
  ret = template_store (node, name, copy, info.filter, "imported", info.init, err);
out:
  if (ret < 0)
    corral_error_wrap (err, "import `%s` as template `%s`", file, name);
  template_rm_rf (work);
out_close:
  close (in);
  template_unlock (node, name, lock);
  return ret;
}
