#include "node-config.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kvfile.h"
#include "parse.h"

#define DEFAULT_ROOT "/var/lib/corral"

static int
copy (char *dst, size_t size, const char *key, const char *value, corral_error_t *err)
{
  if (strlen (value) >= size)
    return corral_error (err, EXIT_BADVALUE, 0, "node config `%s`: value `%s` too long", key, value);
  strcpy (dst, value);
  return 0;
}

/* Values end up in paths, interface names and cgroup paths, so they are
   restricted to a safe alphabet here, once.  */
static bool
safe_name (const char *s)
{
  if (*s == '\0' || strstr (s, ".."))
    return false;
  for (; *s; s++)
    if (!(isalnum ((unsigned char) *s) || *s == '-' || *s == '_' || *s == '.' || *s == '/'))
      return false;
  return true;
}

static int
node_config_set (void *data, const char *key, const char *value, corral_error_t *err)
{
  node_config_t *cfg = data;
  uint64_t v;

  if (strcmp (key, "BRIDGE") == 0)
    {
      if (!safe_name (value) || strchr (value, '/'))
        return corral_error (err, EXIT_BADVALUE, 0, "node config BRIDGE: invalid name `%s`", value);
      return copy (cfg->bridge, sizeof cfg->bridge, key, value, err);
    }
  if (strcmp (key, "SUBNET") == 0)
    {
      uint32_t net;
      int prefix;
      if (parse_cidr (value, &net, &prefix, err) < 0)
        return corral_error_wrap (err, "node config SUBNET");
      return copy (cfg->subnet, sizeof cfg->subnet, key, value, err);
    }
  if (strcmp (key, "GATEWAY") == 0)
    {
      uint32_t a;
      if (parse_ipv4 (value, &a, err) < 0)
        return corral_error_wrap (err, "node config GATEWAY");
      return copy (cfg->gateway, sizeof cfg->gateway, key, value, err);
    }
  if (strcmp (key, "CGROUP_PARENT") == 0)
    {
      if (!safe_name (value) || value[0] == '/')
        return corral_error (err, EXIT_BADVALUE, 0, "node config CGROUP_PARENT: invalid `%s`", value);
      return copy (cfg->cgroup_parent, sizeof cfg->cgroup_parent, key, value, err);
    }
  if (strcmp (key, "VETH_PREFIX") == 0)
    {
      if (!safe_name (value) || strchr (value, '/') || strlen (value) > 4)
        return corral_error (err, EXIT_BADVALUE, 0, "node config VETH_PREFIX: invalid `%s` (at most 4 chars)", value);
      return copy (cfg->veth_prefix, sizeof cfg->veth_prefix, key, value, err);
    }
  if (strcmp (key, "IDMAP_BASE") == 0)
    {
      if (parse_uint (value, UINT32_MAX, &v, err) < 0)
        return corral_error_wrap (err, "node config IDMAP_BASE");
      cfg->idmap_base = (uint32_t) v;
      return 0;
    }
  if (strcmp (key, "IDMAP_SIZE") == 0)
    {
      if (parse_uint (value, UINT32_MAX, &v, err) < 0 || v < 1)
        return corral_error (err, EXIT_BADVALUE, 0, "node config IDMAP_SIZE: invalid `%s`", value);
      cfg->idmap_size = (uint32_t) v;
      return 0;
    }
  if (strcmp (key, "STOP_TIMEOUT") == 0)
    {
      if (parse_uint (value, 86400, &v, err) < 0)
        return corral_error_wrap (err, "node config STOP_TIMEOUT");
      cfg->stop_timeout = (int) v;
      return 0;
    }
  if (strcmp (key, "IMAGE_DIRECT_IO_DELAY") == 0)
    {
      if (parse_uint (value, 86400, &v, err) < 0)
        return corral_error_wrap (err, "node config IMAGE_DIRECT_IO_DELAY");
      cfg->image_dio_delay = (int) v;
      return 0;
    }
  return 0;
}

static void
default_gateway (node_config_t *cfg)
{
  uint32_t net, gw;
  int prefix;
  corral_error_t ignored;

  if (parse_cidr (cfg->subnet, &net, &prefix, &ignored) < 0)
    return;
  gw = (net & (prefix ? 0xffffffffu << (32 - prefix) : 0)) + 1;
  snprintf (cfg->gateway, sizeof cfg->gateway, "%u.%u.%u.%u", gw >> 24, (gw >> 16) & 255, (gw >> 8) & 255,
            gw & 255);
}

int
node_config_load (node_config_t *cfg, const char *root, corral_error_t *err)
{
  char path[400];
  const char *dirs[5];
  int ret;

  memset (cfg, 0, sizeof *cfg);
  if (root == NULL)
    root = getenv ("CORRAL_ROOT");
  if (root == NULL || *root == '\0')
    root = DEFAULT_ROOT;
  if (root[0] != '/' || strlen (root) >= sizeof cfg->root - 16)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid CORRAL_ROOT `%s`: expected an absolute path", root);
  strcpy (cfg->root, root);
  strcpy (cfg->bridge, "corralbr0");
  strcpy (cfg->subnet, "10.77.0.0/24");
  strcpy (cfg->cgroup_parent, "corral");
  strcpy (cfg->veth_prefix, "cv");
  cfg->idmap_base = 100000000;
  cfg->idmap_size = 65536;
  cfg->stop_timeout = 60;
  cfg->image_dio_delay = 30;

  snprintf (path, sizeof path, "%s/node.conf", cfg->root);
  ret = kvfile_read (path, node_config_set, cfg, err);
  if (ret < 0)
    return ret;
  if (cfg->gateway[0] == '\0')
    default_gateway (cfg);

  snprintf (cfg->conf_dir, sizeof cfg->conf_dir, "%s/conf", cfg->root);
  snprintf (cfg->private_dir, sizeof cfg->private_dir, "%s/private", cfg->root);
  snprintf (cfg->ct_root_dir, sizeof cfg->ct_root_dir, "%s/root", cfg->root);
  snprintf (cfg->template_dir, sizeof cfg->template_dir, "%s/template", cfg->root);
  snprintf (cfg->run_dir, sizeof cfg->run_dir, "%s/run", cfg->root);

  if (mkdir (cfg->root, 0755) < 0 && errno != EEXIST)
    return corral_error (err, EXIT_SYSTEM, errno, "create `%s`", cfg->root);
  dirs[0] = cfg->conf_dir;
  dirs[1] = cfg->private_dir;
  dirs[2] = cfg->ct_root_dir;
  dirs[3] = cfg->template_dir;
  dirs[4] = cfg->run_dir;
  for (int i = 0; i < 5; i++)
    /* private/ and root/ hold CT trees: 0711 keeps host users from listing
       them while still letting CT root (an unprivileged host ID) traverse.  */
    if (mkdir (dirs[i], (i == 1 || i == 2) ? 0711 : 0755) < 0 && errno != EEXIST)
      return corral_error (err, EXIT_SYSTEM, errno, "create `%s`", dirs[i]);
  return 0;
}
