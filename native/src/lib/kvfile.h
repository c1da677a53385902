/* vz.conf-style files: KEY="value" lines, '#' comments, unknown keys kept
   by the caller's choice.  Shared by the node config, CT configs and the
   monitor's state file so all three read the same way.  */
#ifndef CORRAL_KVFILE_H
#define CORRAL_KVFILE_H

#include <stdbool.h>
#include <stddef.h>
#include "error.h"

/* Called once per KEY=value line; return < 0 to stop with ERR filled.  */
typedef int (*kvfile_cb) (void *data, const char *key, const char *value, corral_error_t *err);

/* Returns 0, 1 if PATH does not exist (not an error), or < 0.  */
int kvfile_read (const char *path, kvfile_cb cb, void *data, corral_error_t *err);

/* Write "KEY=\"value\"\n" pairs (KEYS/VALUES, N of them) to PATH through a
   temporary file and rename() (or an exchange), so readers never see a
   half-written file.
   DURABLE adds an fsync; run-time state under run/ does without it.  */
int kvfile_write (const char *path, const char *const *keys, const char *const *values, size_t n,
                  bool durable, corral_error_t *err);

#endif
