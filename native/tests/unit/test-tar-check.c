/* Rootfs tarball validation: each kind of malicious member is refused with
   exit 21 naming the member; good archives (any compression) pass.  The
   archives are written here with libarchive.  */
#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "tar-check.h"
#include "template.h"

typedef struct
{
  const char *path;
  int type;            /* AE_IF* */
  const char *link;    /* symlink target, or hard link target when hard */
  int hard;
  int64_t uid;
  int mode;
} member_t;

static char dir[] = "/tmp/corral-test-tar-XXXXXX";

static const char *
make (const char *name, int filter, const member_t *m, size_t n)
{
  static char path[256];
  snprintf (path, sizeof path, "%s/%s", dir, name);
  struct archive *a = archive_write_new ();
  archive_write_set_format_pax_restricted (a);
  if (filter)
    archive_write_add_filter (a, filter);
  archive_write_open_filename (a, path);
  for (size_t i = 0; i < n; i++)
    {
      struct archive_entry *e = archive_entry_new ();
      archive_entry_set_pathname (e, m[i].path);
      archive_entry_set_uid (e, m[i].uid);
      archive_entry_set_gid (e, m[i].uid);
      archive_entry_set_perm (e, m[i].mode ? m[i].mode : 0644);
      if (m[i].hard)
        {
          archive_entry_set_filetype (e, AE_IFREG);
          archive_entry_set_hardlink (e, m[i].link);
        }
      else
        {
          archive_entry_set_filetype (e, m[i].type);
          if (m[i].type == AE_IFLNK)
            archive_entry_set_symlink (e, m[i].link);
          if (m[i].type == AE_IFCHR || m[i].type == AE_IFBLK)
            archive_entry_set_rdev (e, 0x0801);
          if (m[i].type == AE_IFREG)
            archive_entry_set_size (e, 5);
        }
      archive_write_header (a, e);
      if (!m[i].hard && m[i].type == AE_IFREG)
        archive_write_data (a, "data\n", 5);
      archive_entry_free (e);
    }
  archive_write_close (a);
  archive_write_free (a);
  return path;
}

static int
check (const char *file, tar_check_info_t *info, corral_error_t *err)
{
  memset (err, 0, sizeof *err);
  return tar_check_file (file, 65536, info, err);
}

#define REJECTS(name, needle, ...)                                                                     \
  do {                                                                                                 \
    member_t m_[] = { __VA_ARGS__ };                                                                   \
    corral_error_t e_;                                                                                 \
    int r_ = check (make (name ".tar", 0, m_, sizeof m_ / sizeof m_[0]), NULL, &e_);                   \
    ok (r_ < 0 && e_.exit_code == 21 && strstr (e_.message, needle) != NULL, "rejects %s (%s)", name, \
        r_ < 0 ? e_.message : "accepted");                                                             \
  } while (0)

static const member_t good[] = {
  { "./", AE_IFDIR, NULL, 0, 0, 0755 },
  { "./bin/", AE_IFDIR, NULL, 0, 0, 0755 },
  { "./bin/busybox", AE_IFREG, NULL, 0, 0, 0755 },
  { "./bin/su", AE_IFREG, NULL, 0, 0, 04755 },
  { "./bin/sh", AE_IFLNK, "busybox", 0, 0, 0777 },
  { "./sbin/", AE_IFDIR, NULL, 0, 0, 0755 },
  { "./sbin/init", AE_IFLNK, "/bin/busybox", 0, 0, 0777 },
  { "./etc/", AE_IFDIR, NULL, 0, 0, 0755 },
  { "./etc/localtime", AE_IFLNK, "/usr/share/zoneinfo/UTC", 0, 0, 0777 },
  { "./etc/os-release", AE_IFLNK, "../usr/lib/os-release", 0, 0, 0777 },
  { "./bin/busybox2", AE_IFREG, "bin/busybox", 1, 0, 0755 },
  { "./run/initctl", AE_IFIFO, NULL, 0, 0, 0600 },
  { "./home/user/", AE_IFDIR, NULL, 0, 1000, 0755 },
};

int
main (void)
{
  tar_check_info_t info;
  corral_error_t err;
  char norm[256];
  bool abs;

  if (!mkdtemp (dir))
    return 1;

  /* Pure helpers.  */
  ok (tar_path_normalize ("./a//b/./c", norm, sizeof norm, &abs) && strcmp (norm, "a/b/c") == 0, "normalize ./a//b/./c -> %s", norm);
  ok (!tar_path_normalize ("/etc/passwd", norm, sizeof norm, &abs) && abs, "normalize refuses absolute path");
  ok (!tar_path_normalize ("a/../../b", norm, sizeof norm, &abs) && !abs, "normalize refuses `..`");
  ok (tar_path_normalize ("a/..b/c..", norm, sizeof norm, &abs), "`..b` and `c..` are ordinary names");
  ok (!tar_symlink_escapes ("a/b/c", "../../x"), "a/b/c -> ../../x stays inside");
  ok (tar_symlink_escapes ("a/b/c", "../../../x"), "a/b/c -> ../../../x escapes");
  ok (tar_symlink_escapes ("x", "../etc"), "x -> ../etc escapes");
  ok (tar_symlink_escapes ("a/x", "b/../../../y"), "a/x -> b/../../../y escapes");
  ok (!tar_symlink_escapes ("x", "/etc/shadow"), "absolute targets resolve in the CT root");
  ok (template_name_valid ("debian-12") && template_name_valid ("a") && template_name_valid ("my_os.v2"),
      "template names: debian-12, a, my_os.v2 valid");
  ok (!template_name_valid ("") && !template_name_valid ("../x") && !template_name_valid ("-x")
      && !template_name_valid ("Deb") && !template_name_valid (".x") && !template_name_valid ("a/b"),
      "template names: empty, ../x, -x, Deb, .x, a/b invalid");
  char longname[70];
  memset (longname, 'a', 65);
  longname[65] = '\0';
  ok (!template_name_valid (longname) && (longname[64] = '\0', template_name_valid (longname)),
      "template names: 64 chars valid, 65 invalid");

  /* Good archives in every supported compression.  */
  size_t ng = sizeof good / sizeof good[0];
  ok (check (make ("good.tar", 0, good, ng), &info, &err) == 0 && strcmp (info.filter, "none") == 0
      && strcmp (info.init, "busybox") == 0 && info.members == ng,
      "good tar passes (filter %s, init %s, %llu members)", info.filter, info.init, (unsigned long long) info.members);
  ok (check (make ("good.tar.gz", ARCHIVE_FILTER_GZIP, good, ng), &info, &err) == 0 && strcmp (info.filter, "gzip") == 0,
      "good tar.gz passes");
  ok (check (make ("good.tar.xz", ARCHIVE_FILTER_XZ, good, ng), &info, &err) == 0 && strcmp (info.filter, "xz") == 0,
      "good tar.xz passes");
  ok (check (make ("good.tar.zst", ARCHIVE_FILTER_ZSTD, good, ng), &info, &err) == 0 && strcmp (info.filter, "zstd") == 0,
      "good tar.zst passes");

  /* Each kind of bad member.  */
  REJECTS ("absolute", "`/etc/passwd`: absolute path", { "/etc/passwd", AE_IFREG, NULL, 0, 0, 0 });
  REJECTS ("dotdot", "`../evil`", { "../evil", AE_IFREG, NULL, 0, 0, 0 });
  REJECTS ("dotdot-inner", "`a/../../evil`", { "a/", AE_IFDIR, NULL, 0, 0, 0755 }, { "a/../../evil", AE_IFREG, NULL, 0, 0, 0 });
  REJECTS ("chardev", "`dev/sda`: device node", { "dev/sda", AE_IFCHR, NULL, 0, 0, 0660 });
  REJECTS ("blockdev", "`dev/sdb`: device node", { "dev/sdb", AE_IFBLK, NULL, 0, 0, 0660 });
  REJECTS ("symlink-escape", "`etc/x`: symlink to `../../etc`", { "etc/x", AE_IFLNK, "../../etc", 0, 0, 0777 });
  REJECTS ("symlink-deep-escape", "escapes", { "a/b/c", AE_IFLNK, "../../../../x", 0, 0, 0777 });
  REJECTS ("hardlink-absolute", "`h`: hard link to `/etc/shadow`", { "h", AE_IFREG, "/etc/shadow", 1, 0, 0 });
  REJECTS ("hardlink-dotdot", "`h`: hard link to `../shadow`", { "h", AE_IFREG, "../shadow", 1, 0, 0 });
  REJECTS ("hardlink-unknown", "not an earlier regular member", { "h", AE_IFREG, "etc/shadow", 1, 0, 0 });
  REJECTS ("below-symlink", "`d/passwd`: it lies below symlink member `d`",
           { "d", AE_IFLNK, "/etc", 0, 0, 0777 }, { "d/passwd", AE_IFREG, NULL, 0, 0, 0 });
  REJECTS ("hardlink-through-symlink", "`x`: hard link to `d/shadow`",
           { "d", AE_IFLNK, "/etc", 0, 0, 0777 }, { "x", AE_IFREG, "d/shadow", 1, 0, 0 });
  /* tar cannot carry sockets and libarchive reads unknown type flags as
     regular files, so the "unknown type" rule is checked on the member API.  */
  tar_checker_t *c = tar_checker_new (65536);
  ok (tar_check_member (c, "run/sock", TAR_OTHER, NULL, 0, 0, &err) < 0 && err.exit_code == 21
      && strstr (err.message, "`run/sock`: unsupported entry type"), "rejects an unknown entry type (%s)", err.message);
  ok (tar_check_member (c, "a", TAR_SYMLINK, "", 0, 0, &err) < 0, "rejects an empty symlink target");
  tar_checker_free (c);
  REJECTS ("uid-out-of-range", "outside the CT id range", { "f", AE_IFREG, NULL, 0, 70000, 0 });

  /* Not archives at all.  */
  char junk[300];
  snprintf (junk, sizeof junk, "%s/junk.tar", dir);
  FILE *f = fopen (junk, "w");
  for (int i = 0; i < 2000; i++)
    fputc ((i * 7919) & 0xff, f);
  fclose (f);
  ok (check (junk, NULL, &err) < 0 && err.exit_code == 21, "random bytes rejected (%s)", err.message);
  snprintf (junk, sizeof junk, "%s/empty.tar", dir);
  fclose (fopen (junk, "w"));
  ok (check (junk, NULL, &err) < 0 && err.exit_code == 21, "empty file rejected (%s)", err.message);

  char cmd[300];
  snprintf (cmd, sizeof cmd, "rm -rf %s", dir);
  if (system (cmd) != 0)
    return 1;
  return tap_done ();
}
