#include "ct-setup.h"

#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "template.h"

int
ct_setup_files (const node_config_t *node, const ct_config_t *ct, const char *rootfs, corral_error_t *err)
{
  const char *ips[CT_MAX_IPS], *ns[CT_MAX_NS];
  uint32_t net;
  int prefix;
  char hostname[64];

  if (parse_cidr (node->subnet, &net, &prefix, err) < 0)
    return -1;
  for (size_t i = 0; i < ct->n_ips; i++)
    ips[i] = ct->ips[i];
  for (size_t i = 0; i < ct->n_nameservers; i++)
    ns[i] = ct->nameservers[i];
  snprintf (hostname, sizeof hostname, "ct%d", ct->ctid);
  if (template_write_ct_files (rootfs, ct->hostname[0] ? ct->hostname : hostname, ips, ct->n_ips, node->gateway,
                               prefix, NULL, 0, err) < 0)
    return -1;
  return template_write_resolv (rootfs, ns, ct->n_nameservers, ct->searchdomain, err);
}

int
ct_setup_check_userpasswd (const char *arg, corral_error_t *err)
{
  const char *colon = strchr (arg, ':');
  if (colon == NULL || colon == arg || colon[1] == '\0' || colon - arg > 32)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --userpasswd value: expected USER:PASSWORD");
  for (const char *p = arg; p < colon; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
      return corral_error (err, EXIT_BADVALUE, 0, "invalid --userpasswd user `%.*s`", (int) (colon - arg), arg);
  if (strchr (colon + 1, '\n'))
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --userpasswd password: contains a newline");
  return 0;
}

int
ct_setup_userpasswd (const char *rootfs, const char *arg, corral_error_t *err)
{
  char user[33];
  const char *colon = strchr (arg, ':');

  snprintf (user, sizeof user, "%.*s", (int) (colon - arg), arg);
  return template_set_password (rootfs, user, colon + 1, err);
}
