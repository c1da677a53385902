/* Files inside a CT that follow its config (hostname, addresses, DNS, root
   password), written from the host by the template layer's helpers.  */
#ifndef CORRAL_CT_SETUP_H
#define CORRAL_CT_SETUP_H

#include "ct-config.h"
#include "error.h"
#include "node-config.h"

int ct_setup_files (const node_config_t *node, const ct_config_t *ct, const char *rootfs, corral_error_t *err);

/* "root:PASS" (vzctl's --userpasswd USER:PASS; any user that exists).  */
int ct_setup_check_userpasswd (const char *arg, corral_error_t *err);
int ct_setup_userpasswd (const char *rootfs, const char *arg, corral_error_t *err);

#endif
