/* libarchive, loaded only by the commands that read archives (template
   build/import, create, reinstall).  Linking it pulled libxml2, libicu and
   libstdc++ into every corralctl run: 1.4 ms of loading per command and
   ~300 kB of relocated pages in every CT's monitor, which is a fork of
   corralctl (bench/ct-start).  archive-dl.c defines libarchive's functions
   that corralctl uses as forwarders to the dlopen()ed library.  */
#ifndef CORRAL_ARCHIVE_DL_H
#define CORRAL_ARCHIVE_DL_H

#include "error.h"

/* Load the library; call before any archive_* function.  Exit 110
   `unsupported` naming dlerror() when it is missing.  */
int archive_dl_load (corral_error_t *err);

#endif
