/* Forwarders for the libarchive functions corralctl uses (archive-dl.h).
   Each is defined with the prototype from <archive.h>, so the compiler
   checks that the forwarder matches the library's declaration.  */
#include "archive-dl.h"

#include <archive.h>
#include <archive_entry.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#define LIBARCHIVE_SONAME "libarchive.so.13"

static void *lib;

int
archive_dl_load (corral_error_t *err)
{
  if (lib == NULL)
    lib = dlopen (LIBARCHIVE_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL)
    return corral_error (err, EXIT_UNSUPPORTED, 0, "load %s (apt-get install libarchive13): %s", LIBARCHIVE_SONAME,
                         dlerror ());
  return 0;
}

static void *
sym (const char *name)
{
  void *p;

  if (lib == NULL)
    lib = dlopen (LIBARCHIVE_SONAME, RTLD_NOW | RTLD_LOCAL);
  p = lib ? dlsym (lib, name) : NULL;
  if (p == NULL)
    {
      /* Entry points call archive_dl_load first for a clear error; this is
         a libarchive without NAME.  */
      fprintf (stderr, "corralctl: libarchive function `%s` not loaded\n", name);
      abort ();
    }
  return p;
}

#define FWD(ret, name, params, args)                                        \
  ret name params                                                           \
  {                                                                         \
    static ret (*fn) params;                                                \
    if (fn == NULL)                                                         \
      fn = (ret (*) params) sym (#name);                                    \
    return fn args;                                                         \
  }

#define FWD_VOID(name, params, args)                                        \
  void name params                                                          \
  {                                                                         \
    static void (*fn) params;                                               \
    if (fn == NULL)                                                         \
      fn = (void (*) params) sym (#name);                                   \
    fn args;                                                                \
  }

typedef struct archive A;
typedef struct archive_entry E;

FWD (A *, archive_read_new, (void), ())
FWD (A *, archive_write_disk_new, (void), ())
FWD (int, archive_read_free, (A *a), (a))
FWD (int, archive_write_free, (A *a), (a))
FWD (int, archive_write_close, (A *a), (a))
FWD (int, archive_errno, (A *a), (a))
FWD (const char *, archive_error_string, (A *a), (a))
FWD (int, archive_filter_code, (A *a, int n), (a, n))
FWD (int, archive_read_support_filter_gzip, (A *a), (a))
FWD (int, archive_read_support_filter_xz, (A *a), (a))
FWD (int, archive_read_support_filter_zstd, (A *a), (a))
FWD (int, archive_read_support_format_tar, (A *a), (a))
FWD (int, archive_read_support_format_gnutar, (A *a), (a))
FWD (int, archive_read_open_filename, (A *a, const char *f, size_t block), (a, f, block))
FWD (int, archive_read_next_header, (A *a, E **e), (a, e))
FWD (int, archive_read_data_block, (A *a, const void **buf, size_t *size, la_int64_t *off), (a, buf, size, off))
FWD (int, archive_read_data_skip, (A *a), (a))
FWD (int, archive_write_disk_set_options, (A *a, int flags), (a, flags))
FWD (int, archive_write_header, (A *a, E *e), (a, e))
FWD (la_ssize_t, archive_write_data_block, (A *a, const void *buf, size_t size, la_int64_t off), (a, buf, size, off))
FWD (int, archive_write_finish_entry, (A *a), (a))
FWD (__LA_MODE_T, archive_entry_filetype, (E *e), (e))
FWD (la_int64_t, archive_entry_uid, (E *e), (e))
FWD (la_int64_t, archive_entry_gid, (E *e), (e))
FWD (la_int64_t, archive_entry_size, (E *e), (e))
FWD (const char *, archive_entry_pathname, (E *e), (e))
FWD (const char *, archive_entry_hardlink, (E *e), (e))
FWD (const char *, archive_entry_symlink, (E *e), (e))
FWD_VOID (archive_entry_set_uid, (E *e, la_int64_t id), (e, id))
FWD_VOID (archive_entry_set_gid, (E *e, la_int64_t id), (e, id))
FWD_VOID (archive_entry_set_uname, (E *e, const char *n), (e, n))
FWD_VOID (archive_entry_set_gname, (E *e, const char *n), (e, n))
