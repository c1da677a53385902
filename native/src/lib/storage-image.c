/* The image layout, OpenVZ's ploop idea on a loop device: the CT's root is
   an ext4 filesystem in a sparse file, private/<CTID>/root.img, mounted on
   root/<CTID> through a loop device of its own.  DISKSPACE is the file's
   size and DISKINODES the inode count given to mkfs, so a full CT gets
   ENOSPC without touching the host, and usage is a statfs away.  */
#include "storage.h"
#include "ct-state.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/loop.h>
#include <sys/syscall.h>

static void
image_path (const node_config_t *node, int ctid, char *buf, size_t size)
{
  snprintf (buf, size, "%s/%d/" STORAGE_IMAGE_FILE, node->private_dir, ctid);
}

/* Run a tool, its output kept for the error message.  Returns its exit
   status, or -1 when it could not run.  */
uint64_t
storage_image_size (const node_config_t *node, int ctid)
{
  char img[400];
  struct stat st;
  image_path (node, ctid, img, sizeof img);
  return stat (img, &st) == 0 ? (uint64_t) st.st_size : 0;
}

static int
run_tool (char *const argv[], char *out, size_t size)
{
  int p[2], status;
  pid_t pid;
  size_t len = 0;
  ssize_t n;

  out[0] = '\0';
  if (pipe2 (p, O_CLOEXEC) < 0)
    return -1;
  pid = fork ();
  if (pid < 0)
    {
      close (p[0]);
      close (p[1]);
      return -1;
    }
  if (pid == 0)
    {
      int devnull = open ("/dev/null", O_RDONLY);
      dup2 (devnull, 0);
      dup2 (p[1], 1);
      dup2 (p[1], 2);
      execve (argv[0], argv, (char *[]) { "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C", NULL });
      _exit (127);
    }
  close (p[1]);
  while ((n = read (p[0], out + len, size - 1 - len)) > 0 && len + (size_t) n < size - 1)
    len += (size_t) n;
  if (n > 0)
    len += (size_t) n;
  out[len < size ? len : size - 1] = '\0';
  /* Drain the rest so the tool never blocks on a full pipe.  */
  {
    char sink[512];
    while (read (p[0], sink, sizeof sink) > 0)
      ;
  }
  close (p[0]);
  while (waitpid (pid, &status, 0) < 0)
    if (errno != EINTR)
      return -1;
  for (char *c = out; *c; c++)
    if (*c == '\n' || *c == '"')
      *c = ' ';
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128;
}

static const char *
tool (const char *name)
{
  static char buf[64];
  static const char *const dirs[] = { "/usr/sbin", "/sbin", "/usr/bin", "/bin" };
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
    {
      snprintf (buf, sizeof buf, "%s/%s", dirs[i], name);
      if (access (buf, X_OK) == 0)
        return buf;
    }
  return NULL;
}

bool
storage_image_can_grow_online (void)
{
  struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct d[2];
  if (syscall (SYS_capget, &h, d) < 0)
    return false;
  return (d[CAP_SYS_RESOURCE / 32].effective >> (CAP_SYS_RESOURCE % 32)) & 1;
}

const char *
storage_default_layout (void)
{
  const char *env = getenv ("CORRAL_DEFAULT_LAYOUT");
  if (env && storage_ops (env))
    return env;
  if (access ("/dev/loop-control", R_OK | W_OK) == 0 && tool ("mkfs.ext4") && tool ("e2fsck"))
    return "image";
  return "dir";
}

/* What e2fsck -p itself looks at before it says "clean" and checks
   nothing: the superblock (ext4 on-disk layout, at byte 1024) marks a clean
   unmount, no errors, no journal to replay, and no mount-count or interval
   check due.  Reading it ourselves saves the e2fsck run, which fsyncs the
   image: 15-40 ms of every start here.  */
static uint16_t
le16 (const unsigned char *p)
{
  return (uint16_t) (p[0] | p[1] << 8);
}

static uint32_t
le32 (const unsigned char *p)
{
  return (uint32_t) le16 (p) | (uint32_t) le16 (p + 2) << 16;
}

static bool
image_clean (const char *img)
{
  unsigned char sb[1024];
  int fd = open (img, O_RDONLY | O_CLOEXEC);
  ssize_t n = fd >= 0 ? pread (fd, sb, sizeof sb, 1024) : -1;

  if (fd >= 0)
    close (fd);
  if (n != (ssize_t) sizeof sb || le16 (sb + 0x38) != 0xEF53)
    return false;
  uint16_t state = le16 (sb + 0x3A);
  int16_t max_mnt = (int16_t) le16 (sb + 0x36);
  uint32_t interval = le32 (sb + 0x44);
  return (state & 1) && !(state & 2)         /* EXT2_VALID_FS, not EXT2_ERROR_FS */
         && !(le32 (sb + 0x60) & 0x4)        /* no INCOMPAT_RECOVER */
         && le32 (sb + 0x194) == 0           /* s_error_count */
         && (max_mnt <= 0 || le16 (sb + 0x34) < (uint16_t) max_mnt)
         && (interval == 0 || (uint64_t) le32 (sb + 0x40) + interval > (uint64_t) time (NULL));
}

/* e2fsck before every mount that needs one: -p repairs what is safe; a
   filesystem -p will not fix (exit 4) gets -f -y, as an unattended boot
   would.  */
static int
image_fsck (const char *img, corral_error_t *err)
{
  char out[512];
  const char *e2fsck = tool ("e2fsck");
  int rc;

  if (image_clean (img))
    return 0;
  if (e2fsck == NULL)
    return corral_error (err, EXIT_UNSUPPORTED, 0, "check `%s`: e2fsck not found", img);
  rc = run_tool ((char *[]) { (char *) e2fsck, "-p", (char *) img, NULL }, out, sizeof out);
  if (rc >= 0 && rc <= 3)
    return 0;
  if (rc == 4 || rc == 8)
    {
      char again[64];
      snprintf (again, sizeof again, "%s", e2fsck);
      rc = run_tool ((char *[]) { again, "-f", "-y", (char *) img, NULL }, out, sizeof out);
      if (rc >= 0 && rc <= 3)
        return 0;
    }
  return corral_error (err, EXIT_SYSTEM, 0, "check `%s`: e2fsck exited %d: %.300s", img, rc, out);
}

/* A free loop device bound to IMG with autoclear, so it goes away with
   the last unmount, and with direct I/O when DIRECT.  Returns its fd;
   *MINOR is its number.  */
static int
loop_attach (const char *img, bool direct, int *minor, corral_error_t *err)
{
  int ctl, img_fd, fd = -1;
  char dev[32];

  img_fd = open (img, O_RDWR | O_CLOEXEC);
  if (img_fd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "open `%s`", img);
  ctl = open ("/dev/loop-control", O_RDWR | O_CLOEXEC);
  if (ctl < 0)
    {
      close (img_fd);
      return corral_error (err, EXIT_UNSUPPORTED, errno, "open `/dev/loop-control`");
    }
  /* GET_FREE and CONFIGURE race with other users of loop devices: retry
     on EBUSY with the next free one.  */
  for (int tries = 0; tries < 64; tries++)
    {
      int n = ioctl (ctl, LOOP_CTL_GET_FREE);
      struct loop_config cfg = { .fd = (unsigned) img_fd, .block_size = 0 };
      if (n < 0)
        {
          corral_error (err, EXIT_SYSTEM, errno, "find a free loop device");
          break;
        }
      snprintf (dev, sizeof dev, "/dev/loop%d", n);
      fd = open (dev, O_RDWR | O_CLOEXEC);
      if (fd < 0)
        {
          corral_error (err, EXIT_SYSTEM, errno, "open `%s`", dev);
          break;
        }
      /* Direct I/O: the image's pages are cached once, in the CT's ext4,
         not a second time in the host's cache of root.img (but see
         image_booted).  */
      cfg.info.lo_flags = LO_FLAGS_AUTOCLEAR | (direct ? LO_FLAGS_DIRECT_IO : 0);
      /* Informational (losetup shows it); the kernel keeps 64 bytes.  */
      memcpy (cfg.info.lo_file_name, img, strnlen (img, LO_NAME_SIZE - 1));
      if (ioctl (fd, LOOP_CONFIGURE, &cfg) == 0)
        {
          *minor = n;
          break;
        }
      if (errno == EINVAL && direct)
        {
          cfg.info.lo_flags = LO_FLAGS_AUTOCLEAR;
          if (ioctl (fd, LOOP_CONFIGURE, &cfg) == 0)
            {
              *minor = n;
              break;
            }
        }
      if (errno != EBUSY)
        {
          corral_error (err, EXIT_SYSTEM, errno, "attach `%s` to `%s`", img, dev);
          close (fd);
          fd = -1;
          break;
        }
      close (fd);
      fd = -1;
    }
  close (ctl);
  close (img_fd);
  return fd;
}

/* The first line of a small file (sysfs, run/), without its newline;
   false when there is none.  */
static bool
read_line (const char *path, char *buf, size_t size)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  ssize_t n = fd >= 0 ? read (fd, buf, size - 1) : -1;

  if (fd >= 0)
    close (fd);
  if (n <= 0)
    return false;
  buf[n] = '\0';
  buf[strcspn (buf, "\n")] = '\0';
  return true;
}

static bool
loop_backs (int minor, const char *img)
{
  char path[64], buf[512];

  snprintf (path, sizeof path, "/sys/block/loop%d/loop/backing_file", minor);
  return read_line (path, buf, sizeof buf) && strcmp (buf, img) == 0;
}

/* run/<CTID>.loop: the loop device the last mount of CTID's image used,
   so finding out whether it is still held reads one sysfs file, not one
   per loop device of the node (a node of 200 CTs has 200 of them).  */
static void
loop_record (const node_config_t *node, int ctid, int minor)
{
  char path[400], buf[16];
  int fd, len = snprintf (buf, sizeof buf, "%d\n", minor);

  ct_state_path (node, ctid, "loop", path, sizeof path);
  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return;
  if (write (fd, buf, (size_t) len) != len)
    unlink (path);
  close (fd);
}

/* The loop device still backed by IMG, or -1.  After the host unmount the
   filesystem lives on until the CT's mount namespace is gone; only then
   does autoclear release the device, and only then may e2fsck or
   resize2fs touch the file (else the kernel's final superblock write
   undoes them).  */
static int
loop_of_image (const node_config_t *node, int ctid, const char *img)
{
  char rec[400], buf[16];

  ct_state_path (node, ctid, "loop", rec, sizeof rec);
  if (read_line (rec, buf, sizeof buf))
    {
      /* A device released since (or reused for another image) does not
         back IMG.  The record stays: removing it sent the next start,
         every unmount and every wait for the release to the scan below
         (~200 sysfs reads on a node of 200 CTs).  */
      int minor = atoi (buf);
      return loop_backs (minor, img) ? minor : -1;
    }
  /* No record (a mount by an older corralctl): look at every device.  */
  DIR *d = opendir ("/sys/block");
  struct dirent *de;
  int found = -1;

  if (d == NULL)
    return -1;
  while (found < 0 && (de = readdir (d)))
    if (strncmp (de->d_name, "loop", 4) == 0 && loop_backs (atoi (de->d_name + 4), img))
      found = atoi (de->d_name + 4);
  closedir (d);
  return found;
}

static int
image_wait_released (const node_config_t *node, int ctid, const char *img, corral_error_t *err)
{
  for (int i = 0; i < 500; i++)
    {
      if (loop_of_image (node, ctid, img) < 0)
        return 0;
      nanosleep (&(struct timespec) { 0, 20000000 }, NULL);
    }
  return corral_error (err, EXIT_SYSTEM, EBUSY, "wait for the loop device of `%s` to be released", img);
}

static bool
image_is_mounted (const node_config_t *node, int ctid)
{
  char root[400], priv[400];
  struct stat r, p;

  storage_root_path (node, ctid, root, sizeof root);
  storage_private_path (node, ctid, priv, sizeof priv);
  if (stat (root, &r) < 0 || stat (priv, &p) < 0)
    return false;
  return r.st_dev != p.st_dev;
}

static int
image_mount (const node_config_t *node, int ctid, corral_error_t *err)
{
  char img[400], root[400], dev[32];
  int fd, minor = -1;

  if (image_is_mounted (node, ctid))
    return 0;
  image_path (node, ctid, img, sizeof img);
  storage_root_path (node, ctid, root, sizeof root);
  if (access (img, F_OK) < 0)
    return corral_error (err, EXIT_NOTFOUND, errno, "open the image `%s`", img);
  if (image_wait_released (node, ctid, img, err) < 0 || image_fsck (img, err) < 0)
    return -1;
  if (mkdir (root, 0755) < 0 && errno != EEXIST)
    return corral_error (err, EXIT_SYSTEM, errno, "create `%s`", root);
  /* Buffered until the CT has booted (image_booted): a start reads its
     init and libraries from the host's cache of root.img, which the last
     boot filled, instead of from the disk (here 20 -> 11 ms a start).  */
  fd = loop_attach (img, node->image_dio_delay == 0, &minor, err);
  if (fd < 0)
    return -1;
  loop_record (node, ctid, minor);
  snprintf (dev, sizeof dev, "/dev/loop%d", minor);
  /* noinit_itable: the file is sparse, so the inode tables already read
     as zeros; zeroing them again would be background I/O for nothing.  */
  if (mount (dev, root, "ext4", 0, "noinit_itable,errors=remount-ro") < 0)
    {
      int e = errno;
      close (fd);  /* autoclear detaches the loop device */
      return corral_error (err, EXIT_SYSTEM, e, "mount `%s` on `%s`", img, root);
    }
  close (fd);
  return storage_make_private (root, err);
}

/* Direct I/O from now on, for the loop device under the CT's image
   (run/<CTID>.loop).
   The kernel writes the host's dirty pages of root.img back before it
   switches (loop_set_dio), and direct writes drop cached pages they
   overlap, so the two modes never disagree about the data.  */
static void
image_booted (const node_config_t *node, int ctid)
{
  char img[400], dev[32];
  int minor, fd;

  image_path (node, ctid, img, sizeof img);
  minor = loop_of_image (node, ctid, img);
  if (minor < 0)
    return;
  snprintf (dev, sizeof dev, "/dev/loop%d", minor);
  fd = open (dev, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  /* EINVAL where the host filesystem has no O_DIRECT: stays buffered.  */
  ioctl (fd, LOOP_SET_DIRECT_IO, 1UL);
  close (fd);
}

static int
image_umount (const node_config_t *node, int ctid, corral_error_t *err)
{
  char root[400], img[400];

  storage_root_path (node, ctid, root, sizeof root);
  for (int i = 0; image_is_mounted (node, ctid); i++)
    {
      if (umount2 (root, 0) == 0)
        continue;
      /* Busy for a moment while the CT's last tasks release it; after a
         while detach lazily (autoclear frees the loop device later).  */
      if (errno == EBUSY && i < 50)
        {
          nanosleep (&(struct timespec) { 0, 20000000 }, NULL);
          continue;
        }
      if (umount2 (root, MNT_DETACH) < 0)
        return corral_error (err, EXIT_SYSTEM, errno, "unmount `%s`", root);
    }
  if (rmdir (root) < 0 && errno != ENOENT)
    return corral_error (err, EXIT_SYSTEM, errno, "remove `%s`", root);
  image_path (node, ctid, img, sizeof img);
  return image_wait_released (node, ctid, img, err);
}

static int
image_create (const node_config_t *node, const ct_config_t *ct, corral_error_t *err)
{
  char priv[400], img[400], out[512], inodes[24], size[32];
  uint64_t bytes = ct->diskspace && ct->diskspace != UINT64_MAX ? ct->diskspace : STORAGE_IMAGE_DEFAULT_SIZE;
  const char *mkfs = tool ("mkfs.ext4");
  int fd, rc;

  if (mkfs == NULL)
    return corral_error (err, EXIT_UNSUPPORTED, 0, "create an image: mkfs.ext4 not found (use --layout dir)");
  storage_private_path (node, ct->ctid, priv, sizeof priv);
  image_path (node, ct->ctid, img, sizeof img);
  if (mkdir (priv, 0700) < 0)
    {
      if (errno == EEXIST)
        return corral_error (err, EXIT_EXISTS, 0, "private area `%s` already exists", priv);
      return corral_error (err, EXIT_SYSTEM, errno, "create `%s`", priv);
    }
  fd = open (img, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "create `%s`", img);
  bytes &= ~4095ULL;
  /* Sparse: the file costs only what the CT writes.  */
  if (ftruncate (fd, (off_t) bytes) < 0)
    {
      int e = errno;
      close (fd);
      return corral_error (err, EXIT_SYSTEM, e, "size `%s` to %llu bytes", img, (unsigned long long) bytes);
    }
  close (fd);
  snprintf (size, sizeof size, "%lluk", (unsigned long long) (bytes >> 10));
  /* -m 0: no blocks reserved for (host) root, so DISKSPACE is what the CT
     can fill; lazy init and nodiscard because the sparse file is zeros.  */
  if (ct->diskinodes)
    {
      snprintf (inodes, sizeof inodes, "%llu", (unsigned long long) ct->diskinodes);
      rc = run_tool ((char *[]) { (char *) mkfs, "-q", "-F", "-m", "0", "-N", inodes, "-E",
                                  "lazy_itable_init=1,lazy_journal_init=1,nodiscard", img, size, NULL },
                     out, sizeof out);
    }
  else
    rc = run_tool ((char *[]) { (char *) mkfs, "-q", "-F", "-m", "0", "-E",
                                "lazy_itable_init=1,lazy_journal_init=1,nodiscard", img, size, NULL },
                   out, sizeof out);
  if (rc != 0)
    return corral_error (err, EXIT_SYSTEM, 0, "mkfs.ext4 `%s` exited %d: %.300s", img, rc, out);
  return image_mount (node, ct->ctid, err);
}

static int
image_destroy (const node_config_t *node, int ctid, corral_error_t *err)
{
  return storage_destroy_private (node, ctid, image_umount, err);
}

static int
image_tree_path (const node_config_t *node, int ctid, char *buf, size_t size)
{
  storage_root_path (node, ctid, buf, size);
  return 0;
}

/* Grow online: a longer file, LOOP_SET_CAPACITY so the device sees it,
   then resize2fs on the mounted filesystem.  Shrink offline only: ext4
   cannot shrink while mounted.  */
static int
image_resize (const node_config_t *node, int ctid, uint64_t bytes, corral_error_t *err)
{
  char img[400], root[400], dev[64], out[512], size[32];
  const char *resize2fs = tool ("resize2fs");
  struct stat st, r;
  bool mounted = image_is_mounted (node, ctid);
  int rc;

  image_path (node, ctid, img, sizeof img);
  bytes &= ~4095ULL;
  if (stat (img, &st) < 0)
    return corral_error (err, EXIT_NOTFOUND, errno, "stat `%s`", img);
  if (resize2fs == NULL)
    return corral_error (err, EXIT_UNSUPPORTED, 0, "resize `%s`: resize2fs not found", img);
  snprintf (size, sizeof size, "%lluk", (unsigned long long) (bytes >> 10));
  if (bytes == (uint64_t) st.st_size)
    return 0;
  if (!mounted && image_wait_released (node, ctid, img, err) < 0)
    return -1;
  if (!mounted)
    {
      /* resize2fs insists on a freshly checked filesystem.  */
      char fsck[64];
      snprintf (fsck, sizeof fsck, "%s", tool ("e2fsck") ? tool ("e2fsck") : "/sbin/e2fsck");
      rc = run_tool ((char *[]) { fsck, "-f", "-y", img, NULL }, out, sizeof out);
      if (rc < 0 || rc > 3)
        return corral_error (err, EXIT_SYSTEM, 0, "check `%s` before resizing: e2fsck exited %d: %.300s", img, rc,
                             out);
    }
  if (bytes < (uint64_t) st.st_size)
    {
      if (mounted)
        return corral_error_code (err, EXIT_RUNNING, 0, "running",
                                  "invalid --diskspace `%llu`: shrinking the disk of a running CT needs it stopped "
                                  "(use --setmode restart)",
                                  (unsigned long long) bytes);
      rc = run_tool ((char *[]) { (char *) tool ("resize2fs"), img, size, NULL }, out, sizeof out);
      if (rc != 0)
        return corral_error (err, EXIT_BADVALUE, 0, "invalid --diskspace `%s`: resize2fs refused: %.300s", size,
                             out);
      if (truncate (img, (off_t) bytes) < 0)
        return corral_error (err, EXIT_SYSTEM, errno, "truncate `%s`", img);
      return 0;
    }
  if (mounted && !storage_image_can_grow_online ())
    return corral_error_code (err, EXIT_RUNNING, EPERM, "running",
                              "grow the disk of a running CT: online ext4 resize needs CAP_SYS_RESOURCE, which "
                              "this corralctl lacks (stop the CT, or use --setmode restart)");
  if (truncate (img, (off_t) bytes) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "grow `%s`", img);
  if (!mounted)
    {
      rc = run_tool ((char *[]) { (char *) tool ("resize2fs"), img, size, NULL }, out, sizeof out);
      if (rc != 0)
        return corral_error (err, EXIT_SYSTEM, 0, "resize2fs `%s` exited %d: %.300s", img, rc, out);
      return 0;
    }
  storage_root_path (node, ctid, root, sizeof root);
  if (stat (root, &r) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "stat `%s`", root);
  snprintf (dev, sizeof dev, "/dev/loop%u", minor (r.st_dev));
  {
    int fd = open (dev, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      return corral_error (err, EXIT_SYSTEM, errno, "open `%s`", dev);
    if (ioctl (fd, LOOP_SET_CAPACITY, 0) < 0)
      {
        int e = errno;
        close (fd);
        return corral_error (err, EXIT_SYSTEM, e, "tell `%s` its new size", dev);
      }
    close (fd);
  }
  rc = run_tool ((char *[]) { (char *) tool ("resize2fs"), dev, size, NULL }, out, sizeof out);
  if (rc != 0)
    {
      /* Give the file its old size back so nothing changed.  */
      if (truncate (img, st.st_size) == 0)
        {
          int fd = open (dev, O_RDONLY | O_CLOEXEC);
          if (fd >= 0)
            {
              ioctl (fd, LOOP_SET_CAPACITY, 0);
              close (fd);
            }
        }
      return corral_error (err, EXIT_SYSTEM, 0, "resize2fs `%s` (online) exited %d: %.300s", dev, rc, out);
    }
  return 0;
}

const storage_ops_t storage_image_ops = {
  .name = "image",
  .create = image_create,
  .mount = image_mount,
  .umount = image_umount,
  .destroy = image_destroy,
  .is_mounted = image_is_mounted,
  .tree_path = image_tree_path,
  .resize = image_resize,
  .booted = image_booted,
  .slow_mount = true,
};
