/* template_write_ct_files and template_set_password on a scratch rootfs,
   including a CT that replaced /etc with a symlink to the host's files.  */
#include <crypt.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "template.h"

static char dir[] = "/tmp/corral-test-files-XXXXXX";

static char *
slurp (const char *rel)
{
  static char buf[4096];
  char path[512];
  snprintf (path, sizeof path, "%s/%s", dir, rel);
  FILE *f = fopen (path, "r");
  if (!f)
    return strcpy (buf, "<missing>");
  size_t n = fread (buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  fclose (f);
  return buf;
}

static void
put (const char *rel, const char *content, mode_t mode)
{
  char path[512];
  snprintf (path, sizeof path, "%s/%s", dir, rel);
  FILE *f = fopen (path, "w");
  fputs (content, f);
  fclose (f);
  chmod (path, mode);
}

static void
sub (char *out, const char *rel)
{
  snprintf (out, 512, "%s/%s", dir, rel);
}

int
main (void)
{
  corral_error_t err;
  char root[512], p[512];
  struct stat st;

  if (!mkdtemp (dir))
    return 1;
  sub (root, "ct");
  mkdir (root, 0755);
  sub (p, "ct/etc"), mkdir (p, 0755);
  sub (p, "ct/etc/network"), mkdir (p, 0755);
  put ("ct/etc/shadow", "root:*:20000:0:99999:7:::\nbin:*:20000:0:99999:7:::\nwww:!:20000::::::\n", 0640);

  const char *ips[] = { "10.77.0.5", "10.77.0.6" };
  const char *ns[] = { "10.77.0.1", "9.9.9.9" };
  ok (template_write_ct_files (root, "web1.example.com", ips, 2, "10.77.0.1", 24, ns, 2, &err) == 0,
      "write_ct_files succeeds");
  ok (strcmp (slurp ("ct/etc/hostname"), "web1.example.com\n") == 0, "hostname written");
  ok (strstr (slurp ("ct/etc/hosts"), "10.77.0.5\tweb1.example.com web1\n") != NULL, "hosts maps the first IP");
  ok (strstr (slurp ("ct/etc/resolv.conf"), "nameserver 10.77.0.1\nnameserver 9.9.9.9\n") != NULL, "resolv.conf");
  ok (strstr (slurp ("ct/etc/corral/network"), "ADDRESSES=\"10.77.0.5/24 10.77.0.6/24\"\nGATEWAY=10.77.0.1\n") != NULL,
      "busybox network config");
  char *ifs = slurp ("ct/etc/network/interfaces");
  ok (strstr (ifs, "iface eth0 inet manual") && strstr (ifs, "up ip addr replace 10.77.0.6/24 dev eth0")
      && strstr (ifs, "up ip route replace default via 10.77.0.1 dev eth0 onlink"),
      "ifupdown config uses replace (harmless if eth0 is already up)");

  ok (template_write_ct_files (root, "", NULL, 0, NULL, 24, NULL, 0, &err) == 0
      && strstr (slurp ("ct/etc/corral/network"), "ADDRESSES=\"\"\nGATEWAY=\n")
      && strstr (slurp ("ct/etc/network/interfaces"), "eth0") == NULL,
      "no addresses: no eth0 config, hostname kept");
  ok (strcmp (slurp ("ct/etc/hostname"), "web1.example.com\n") == 0, "empty hostname leaves /etc/hostname");

  ok (template_set_password (root, "root", "s3cret pass", &err) == 0, "set_password succeeds");
  char *sh = slurp ("ct/etc/shadow");
  char line[512];
  sscanf (sh, "%511[^\n]", line);
  char *hash = line + 5;
  *strchr (hash, ':') = '\0';
  struct crypt_data cd = { 0 };
  ok (strncmp (hash, "$6$", 3) == 0 && strcmp (crypt_r ("s3cret pass", hash, &cd), hash) == 0,
      "root has a SHA-512 hash of the password");
  ok (strstr (sh, "\nbin:*:20000:0:99999:7:::\nwww:!:20000::::::\n") != NULL, "other lines untouched");
  ok (stat (root, &st) == 0 && (sub (p, "ct/etc/shadow"), stat (p, &st) == 0) && (st.st_mode & 07777) == 0640,
      "shadow mode kept (0%o)", st.st_mode & 07777);
  char first[512];
  strcpy (first, hash);
  template_set_password (root, "root", "s3cret pass", &err);
  sscanf (slurp ("ct/etc/shadow"), "%511[^\n]", line);
  ok (strncmp (line + 5, first, strlen (first)) != 0, "a fresh salt each time");
  ok (template_set_password (root, "nobody", "x", &err) < 0 && err.exit_code == 21, "unknown user: %s", err.message);
  ok (template_set_password (root, "ro:ot", "x", &err) < 0 && err.exit_code == 21, "bad user name refused");
  ok (template_set_password (root, "root", "a\nb", &err) < 0 && err.exit_code == 21, "multi-line password refused");

  /* A CT that points /etc at the host: writes must stay inside its root.  */
  char evil[512], host[512];
  sub (evil, "evil");
  mkdir (evil, 0755);
  sub (p, "evil/etc-host"), mkdir (p, 0755);
  put ("evil/etc-host/shadow", "root:HOST:1::::::\n", 0600);
  sub (host, "evil/etc-host");
  sub (p, "evil/etc"), symlink (host, p);
  ok (template_set_password (evil, "root", "x", &err) < 0 && strstr (slurp ("evil/etc-host/shadow"), "HOST"),
      "set_password does not follow /etc -> host path (%s)", err.message);
  ok (template_write_ct_files (evil, "h", NULL, 0, NULL, 24, NULL, 0, &err) < 0
      && access (strcat (strcpy (p, host), "/hostname"), F_OK) < 0,
      "write_ct_files does not follow /etc -> host path");
  /* A FIFO as /etc/shadow must fail, not hang.  */
  char fifo[512];
  sub (fifo, "fifo");
  mkdir (fifo, 0755);
  sub (p, "fifo/etc"), mkdir (p, 0755);
  sub (p, "fifo/etc/shadow"), mkfifo (p, 0600);
  ok (template_set_password (fifo, "root", "x", &err) < 0, "a FIFO as /etc/shadow is refused without hanging");
  /* A symlinked file is replaced, not written through.  */
  put ("target", "keep\n", 0644);
  sub (p, "ct/etc/hostname"), unlink (p);
  char tgt[512];
  sub (tgt, "target");
  symlink (tgt, p);
  ok (template_write_ct_files (root, "h2", NULL, 0, NULL, 24, NULL, 0, &err) == 0
      && strcmp (slurp ("target"), "keep\n") == 0 && strcmp (slurp ("ct/etc/hostname"), "h2\n") == 0
      && lstat (p, &st) == 0 && S_ISREG (st.st_mode),
      "a symlinked /etc/hostname is replaced, its target untouched");

  char cmd[600];
  snprintf (cmd, sizeof cmd, "rm -rf %s", dir);
  if (system (cmd) != 0)
    return 1;
  return tap_done ();
}
