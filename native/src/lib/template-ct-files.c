/* Files the CT's init reads, written from the host into a CT root the CT
   itself controls: every path is resolved with RESOLVE_IN_ROOT so a symlink
   the CT planted (say /etc -> /host/etc) resolves inside the CT root, never
   on the host, and each file lands by rename (never written through a link).  */
#include "template-internal.h"

#include <crypt.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int
open_in_root (const char *rootfs, const char *dir, bool create, uid_t uid, gid_t gid, corral_error_t *err)
{
  struct open_how how = { .flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC,
                          .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS };
  int rootfd = open (rootfs, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (rootfd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "open CT root `%s`", rootfs);
  int fd = syscall (SYS_openat2, rootfd, dir, &how, sizeof how);
  if (fd < 0 && errno == ENOENT && create)
    {
      /* Only the last component is created; its parent must exist.  */
      const char *slash = strrchr (dir, '/');
      char parent[256];
      snprintf (parent, sizeof parent, "%.*s", slash ? (int) (slash - dir) : 1, slash ? dir : ".");
      int pfd = syscall (SYS_openat2, rootfd, parent, &how, sizeof how);
      if (pfd >= 0)
        {
          const char *leaf = slash ? slash + 1 : dir;
          if (mkdirat (pfd, leaf, 0755) == 0)
            {
              if (fchownat (pfd, leaf, uid, gid, AT_SYMLINK_NOFOLLOW) < 0)
                {
                  close (pfd);
                  close (rootfd);
                  return corral_error (err, EXIT_SYSTEM, errno, "chown `%s` in `%s`", dir, rootfs);
                }
            }
          close (pfd);
        }
      fd = syscall (SYS_openat2, rootfd, dir, &how, sizeof how);
    }
  int e = errno;
  close (rootfd);
  if (fd < 0)
    return corral_error (err, EXIT_SYSTEM, e, "open `%s` in `%s`", dir, rootfs);
  return fd;
}

static int
append (char *buf, size_t size, size_t *off, const char *fmt, ...) __attribute__ ((format (printf, 4, 5)));

static int
append (char *buf, size_t size, size_t *off, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  int n = vsnprintf (buf + *off, size - *off, fmt, ap);
  va_end (ap);
  if (n < 0 || (size_t) n >= size - *off)
    return -1;
  *off += n;
  return 0;
}

int
template_write_ct_files (const char *rootfs, const char *hostname, const char *const *ips, size_t n_ips,
                         const char *gateway, int prefix_len, const char *const *nameservers, size_t n_ns,
                         corral_error_t *err)
{
  char buf[8192];
  size_t off;
  struct stat st;
  int ret = 0, etc, dfd;

  if (prefix_len < 0 || prefix_len > 32)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid prefix length `%d`", prefix_len);
  if ((etc = open_in_root (rootfs, "etc", false, 0, 0, err)) < 0)
    return etc;
  /* New files belong to whoever owns the CT's /etc: the CT's root.  */
  if (fstat (etc, &st) < 0)
    {
      ret = corral_error (err, EXIT_SYSTEM, errno, "stat `%s/etc`", rootfs);
      goto out;
    }
  uid_t uid = st.st_uid;
  gid_t gid = st.st_gid;

  if (hostname && *hostname)
    {
      off = 0;
      append (buf, sizeof buf, &off, "%s\n", hostname);
      if ((ret = template_write_at (etc, "hostname", buf, 0644, uid, gid, err)) < 0)
        goto out;
    }

  off = 0;
  append (buf, sizeof buf, &off, "# Written by corralctl at CT start.\n127.0.0.1\tlocalhost\n");
  if (hostname && *hostname)
    {
      const char *dot = strchr (hostname, '.');
      append (buf, sizeof buf, &off, "%s\t%s", n_ips ? ips[0] : "127.0.1.1", hostname);
      if (dot)
        append (buf, sizeof buf, &off, " %.*s", (int) (dot - hostname), hostname);
      append (buf, sizeof buf, &off, "\n");
    }
  append (buf, sizeof buf, &off, "::1\tlocalhost ip6-localhost ip6-loopback\n");
  if ((ret = template_write_at (etc, "hosts", buf, 0644, uid, gid, err)) < 0)
    goto out;

  if ((ret = template_write_resolv (rootfs, nameservers, n_ns, NULL, err)) < 0)
    goto out;

  /* busybox template: /etc/init.d/network sources this.  */
  off = 0;
  append (buf, sizeof buf, &off, "# Written by corralctl from the CT config at every start.\nIFACE=eth0\nADDRESSES=\"");
  for (size_t i = 0; i < n_ips; i++)
    if (append (buf, sizeof buf, &off, "%s%s/%d", i ? " " : "", ips[i], prefix_len) < 0)
      {
        ret = corral_error (err, EXIT_BADVALUE, 0, "too many addresses for the CT network config");
        goto out;
      }
  append (buf, sizeof buf, &off, "\"\nGATEWAY=%s\n", gateway && n_ips ? gateway : "");
  if ((dfd = open_in_root (rootfs, "etc/corral", true, uid, gid, err)) < 0)
    {
      ret = dfd;
      goto out;
    }
  ret = template_write_at (dfd, "network", buf, 0644, uid, gid, err);
  close (dfd);
  if (ret < 0)
    goto out;

  /* Debian: ifupdown.  "manual" with replace commands rather than "static",
     whose `ip addr add` fails when the host has already set the address.  */
  struct stat nst;
  if (fstatat (etc, "network", &nst, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR (nst.st_mode))
    {
      off = 0;
      append (buf, sizeof buf, &off,
              "# Written by corralctl from the CT config at every start; change the CT config instead\n"
              "# (corralctl set CTID --ipadd/--ipdel).\n"
              "auto lo\niface lo inet loopback\n\n");
      if (n_ips)
        {
          append (buf, sizeof buf, &off, "auto eth0\niface eth0 inet manual\n    up ip link set eth0 up\n");
          for (size_t i = 0; i < n_ips; i++)
            append (buf, sizeof buf, &off, "    up ip addr replace %s/%d dev eth0\n", ips[i], prefix_len);
          if (gateway && *gateway)
            append (buf, sizeof buf, &off, "    up ip route replace default via %s dev eth0 onlink\n", gateway);
          append (buf, sizeof buf, &off, "    down ip addr flush dev eth0 scope global\n\n");
        }
      if (append (buf, sizeof buf, &off, "source /etc/network/interfaces.d/*\n") < 0)
        {
          ret = corral_error (err, EXIT_BADVALUE, 0, "too many addresses for the CT network config");
          goto out;
        }
      if ((dfd = open_in_root (rootfs, "etc/network", false, uid, gid, err)) < 0)
        {
          ret = dfd;
          goto out;
        }
      ret = template_write_at (dfd, "interfaces", buf, 0644, uid, gid, err);
      close (dfd);
    }
out:
  close (etc);
  return ret;
}

static bool
line_is (const char *line, const char *word)
{
  size_t n = strlen (word);
  return strncmp (line, word, n) == 0 && (line[n] == ' ' || line[n] == '\t');
}

int
template_write_resolv (const char *rootfs, const char *const *nameservers, size_t n_ns, const char *search,
                       corral_error_t *err)
{
  static const char header[] = "# Written by corralctl at CT start.\n";
  char old[8192], buf[8192 + 1024];
  size_t off = 0;
  struct stat st;
  ssize_t n = 0;
  int etc, fd, ret;

  if (n_ns == 0 && (search == NULL || *search == '\0'))
    return 0;
  if ((etc = open_in_root (rootfs, "etc", false, 0, 0, err)) < 0)
    return etc;
  if (fstat (etc, &st) < 0)
    {
      ret = corral_error (err, EXIT_SYSTEM, errno, "stat `%s/etc`", rootfs);
      close (etc);
      return ret;
    }
  /* Like vzctl's set_dns: replace only the lines we manage (nameserver
     when the CT has NAMESERVER, search/domain when it has SEARCHDOMAIN)
     and keep the rest, so `--searchdomain` alone keeps the nameservers.
     O_NONBLOCK: a FIFO planted there must not hang us.  */
  fd = openat (etc, "resolv.conf", O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd >= 0)
    {
      struct stat fst;
      if (fstat (fd, &fst) == 0 && S_ISREG (fst.st_mode))
        n = read (fd, old, sizeof old - 1);
      close (fd);
    }
  old[n > 0 ? n : 0] = '\0';
  append (buf, sizeof buf, &off, "%s", header);
  for (char *save = NULL, *line = strtok_r (old, "\n", &save); line; line = strtok_r (NULL, "\n", &save))
    {
      if (strncmp (line, header, sizeof header - 2) == 0 || (n_ns && line_is (line, "nameserver"))
          || (search && *search && (line_is (line, "search") || line_is (line, "domain"))))
        continue;
      append (buf, sizeof buf, &off, "%s\n", line);
    }
  if (search && *search)
    append (buf, sizeof buf, &off, "search %s\n", search);
  for (size_t i = 0; i < n_ns; i++)
    append (buf, sizeof buf, &off, "nameserver %s\n", nameservers[i]);
  ret = template_write_at (etc, "resolv.conf", buf, 0644, st.st_uid, st.st_gid, err);
  close (etc);
  return ret;
}

static bool
user_name_valid (const char *u)
{
  if (!*u || strlen (u) > 32 || !((*u >= 'a' && *u <= 'z') || *u == '_'))
    return false;
  for (; *u; u++)
    if (!((*u >= 'a' && *u <= 'z') || (*u >= '0' && *u <= '9') || *u == '_' || *u == '-' || *u == '.'))
      return false;
  return true;
}

int
template_set_password (const char *rootfs, const char *user, const char *password, corral_error_t *err)
{
  char rnd[16], salt[CRYPT_GENSALT_OUTPUT_SIZE], *content = NULL, *out = NULL;
  struct crypt_data *cd = NULL;
  struct stat st;
  int ret = 0, etc, fd = -1;

  if (!user_name_valid (user))
    return corral_error (err, EXIT_BADVALUE, 0, "invalid user name `%s`", user);
  if (!password || !*password || strchr (password, '\n'))
    return corral_error (err, EXIT_BADVALUE, 0, "invalid password for `%s`: empty or multi-line", user);
  if ((etc = open_in_root (rootfs, "etc", false, 0, 0, err)) < 0)
    return etc;
  /* O_NONBLOCK: a FIFO planted as /etc/shadow must not hang us.  */
  fd = openat (etc, "shadow", O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0 || fstat (fd, &st) < 0 || !S_ISREG (st.st_mode) || st.st_size > (1 << 20))
    {
      ret = corral_error (err, EXIT_SYSTEM, fd < 0 ? errno : 0, "open `/etc/shadow` in `%s`", rootfs);
      goto out;
    }
  content = malloc (st.st_size + 1);
  out = malloc (st.st_size + 512);
  cd = calloc (1, sizeof *cd);
  if (!content || !out || !cd)
    {
      ret = corral_error (err, EXIT_SYSTEM, ENOMEM, "set password");
      goto out;
    }
  ssize_t n = read (fd, content, st.st_size);
  if (n != st.st_size)
    {
      ret = corral_error (err, EXIT_SYSTEM, n < 0 ? errno : EIO, "read `/etc/shadow` in `%s`", rootfs);
      goto out;
    }
  content[n] = '\0';

  if (getrandom (rnd, sizeof rnd, 0) != sizeof rnd
      || !crypt_gensalt_rn ("$6$", 0, rnd, sizeof rnd, salt, sizeof salt))
    {
      ret = corral_error (err, EXIT_SYSTEM, errno, "make a password salt");
      goto out;
    }
  const char *hash = crypt_r (password, salt, cd);
  if (!hash || hash[0] != '$')
    {
      ret = corral_error (err, EXIT_SYSTEM, errno, "hash the password");
      goto out;
    }

  /* Rewrite only USER's line: field 2 (hash) and 3 (last change, days).  */
  size_t ulen = strlen (user), o = 0;
  bool found = false;
  for (char *line = content; *line;)
    {
      char *nl = strchrnul (line, '\n');
      size_t len = nl - line;
      if (!found && len > ulen && strncmp (line, user, ulen) == 0 && line[ulen] == ':')
        {
          char *f2 = line + ulen + 1, *f3 = memchr (f2, ':', nl - f2);
          char *rest = f3 ? memchr (f3 + 1, ':', nl - f3 - 1) : NULL;
          o += sprintf (out + o, "%s:%s:%ld", user, hash, (long) (time (NULL) / 86400));
          if (rest)
            {
              memcpy (out + o, rest, nl - rest);
              o += nl - rest;
            }
          found = true;
        }
      else
        {
          memcpy (out + o, line, len);
          o += len;
        }
      out[o++] = '\n';
      line = *nl ? nl + 1 : nl;
    }
  out[o] = '\0';
  if (!found)
    {
      ret = corral_error (err, EXIT_BADVALUE, 0, "user `%s` not found in `/etc/shadow` of `%s`", user, rootfs);
      goto out;
    }
  ret = template_write_at (etc, "shadow", out, st.st_mode & 07777, st.st_uid, st.st_gid, err);
out:
  if (cd)
    explicit_bzero (cd, sizeof *cd);
  free (cd);
  free (content);
  free (out);
  if (fd >= 0)
    close (fd);
  close (etc);
  return ret;
}
