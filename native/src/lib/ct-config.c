#include "ct-config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kvfile.h"
#include "parse.h"

void
ct_config_init (ct_config_t *ct, int ctid)
{
  memset (ct, 0, sizeof *ct);
  ct->ctid = ctid;
  strcpy (ct->layout, "dir");
  ct->ioprio = -1;
}

int
ct_config_path (const node_config_t *node, int ctid, char *buf, size_t size)
{
  return snprintf (buf, size, "%s/%d.conf", node->conf_dir, ctid);
}

bool
ct_config_exists (const node_config_t *node, int ctid)
{
  char path[400];
  ct_config_path (node, ctid, path, sizeof path);
  return access (path, F_OK) == 0;
}

int
ct_config_id_base (const node_config_t *node, int ctid, uint32_t *base, corral_error_t *err)
{
  uint64_t b = (uint64_t) node->idmap_base + (uint64_t) ctid * node->idmap_size;

  if (b + node->idmap_size > UINT32_MAX - 1)
    return corral_error (err, EXIT_BADVALUE, 0,
                         "invalid CTID `%d`: its ID range does not fit below 2^32 (IDMAP_BASE %u, IDMAP_SIZE %u)",
                         ctid, node->idmap_base, node->idmap_size);
  *base = (uint32_t) b;
  return 0;
}

int
ct_config_add_ip (ct_config_t *ct, const char *ip, corral_error_t *err)
{
  uint32_t a;

  if (parse_ipv4 (ip, &a, err) < 0)
    return -1;
  for (size_t i = 0; i < ct->n_ips; i++)
    if (strcmp (ct->ips[i], ip) == 0)
      return 0;
  if (ct->n_ips == CT_MAX_IPS)
    return corral_error (err, EXIT_BADVALUE, 0, "add IP address `%s`: at most %d per CT", ip, CT_MAX_IPS);
  strcpy (ct->ips[ct->n_ips++], ip);
  return 0;
}

bool
ct_config_del_ip (ct_config_t *ct, const char *ip)
{
  for (size_t i = 0; i < ct->n_ips; i++)
    if (strcmp (ct->ips[i], ip) == 0)
      {
        memmove (ct->ips[i], ct->ips[i + 1], (ct->n_ips - i - 1) * sizeof ct->ips[0]);
        ct->n_ips--;
        return true;
      }
  return false;
}

int
ct_config_add_nameserver (ct_config_t *ct, const char *ip, corral_error_t *err)
{
  uint32_t a;

  if (parse_ipv4 (ip, &a, err) < 0)
    return corral_error_wrap (err, "nameserver");
  if (ct->n_nameservers == CT_MAX_NS)
    return corral_error (err, EXIT_BADVALUE, 0, "add nameserver `%s`: at most %d", ip, CT_MAX_NS);
  strcpy (ct->nameservers[ct->n_nameservers++], ip);
  return 0;
}

int
ct_config_set_searchdomains (ct_config_t *ct, const char *const *domains, size_t n, corral_error_t *err)
{
  char buf[CT_SEARCH_LEN];
  size_t len = 0;

  if (n > CT_MAX_SEARCH)
    return corral_error (err, EXIT_BADVALUE, 0, "search domains: at most %d", CT_MAX_SEARCH);
  buf[0] = '\0';
  for (size_t i = 0; i < n; i++)
    {
      if (!parse_hostname_valid (domains[i]))
        return corral_error (err, EXIT_BADVALUE, 0, "invalid search domain `%s`", domains[i]);
      int w = snprintf (buf + len, sizeof buf - len, "%s%s", i ? " " : "", domains[i]);
      if (w < 0 || (size_t) w >= sizeof buf - len)
        return corral_error (err, EXIT_BADVALUE, 0, "search domains: longer than %d bytes in all", CT_SEARCH_LEN - 1);
      len += (size_t) w;
    }
  memcpy (ct->searchdomain, buf, len + 1);
  return 0;
}

static int
searchdomain_key (ct_config_t *ct, const char *value, corral_error_t *err)
{
  char buf[1024], *save = NULL;
  const char *list[CT_MAX_SEARCH + 1];
  size_t n = 0;

  snprintf (buf, sizeof buf, "%s", value);
  for (char *tok = strtok_r (buf, " \t", &save); tok; tok = strtok_r (NULL, " \t", &save))
    {
      if (n == CT_MAX_SEARCH + 1)
        break;
      list[n++] = tok;
    }
  if (ct_config_set_searchdomains (ct, list, n, err) < 0)
    return corral_error_wrap (err, "CT config SEARCHDOMAIN");
  return 0;
}

static int
split_list (const char *value, int (*add) (ct_config_t *, const char *, corral_error_t *), ct_config_t *ct,
            corral_error_t *err)
{
  char buf[1024];
  char *save = NULL;

  snprintf (buf, sizeof buf, "%s", value);
  for (char *tok = strtok_r (buf, " \t", &save); tok; tok = strtok_r (NULL, " \t", &save))
    {
      /* vzctl allows ADDR/MASK; the mask is the node subnet's here.  */
      char *slash = strchr (tok, '/');
      if (slash)
        *slash = '\0';
      if (add (ct, tok, err) < 0)
        return -1;
    }
  return 0;
}

static int
size_key (const char *key, const char *value, uint64_t *out, corral_error_t *err)
{
  /* DISKSPACE may be "soft:hard" in vzctl; the hard part is the limit.  */
  const char *colon = strrchr (value, ':');
  if (parse_size (colon ? colon + 1 : value, out, err) < 0)
    return corral_error_wrap (err, "CT config %s", key);
  return 0;
}

/* NUMPROC="barrier:limit" (vzctl) or a plain count; the limit counts.  */
static int
count_key (const char *key, const char *value, uint64_t *out, corral_error_t *err)
{
  const char *colon = strrchr (value, ':');
  const char *v = colon ? colon + 1 : value;
  if (strcmp (v, "unlimited") == 0 || strcmp (v, "9223372036854775807") == 0)
    {
      *out = UINT64_MAX;
      return 0;
    }
  if (parse_uint (v, UINT64_MAX - 1, out, err) < 0)
    return corral_error_wrap (err, "CT config %s", key);
  return 0;
}

static int
uint_key (const char *key, const char *value, unsigned *out, corral_error_t *err)
{
  uint64_t v;
  const char *end = value + strlen (value);
  char buf[32];
  /* CPULIMIT may carry vzctl's "%" suffix.  */
  snprintf (buf, sizeof buf, "%.*s", (int) (end > value && end[-1] == '%' ? end - value - 1 : end - value), value);
  if (parse_uint (buf, UINT32_MAX, &v, err) < 0)
    return corral_error_wrap (err, "CT config %s", key);
  *out = (unsigned) v;
  return 0;
}

static int
ct_config_set (void *data, const char *key, const char *value, corral_error_t *err)
{
  ct_config_t *ct = data;

#define STR(K, F)                                                        \
  if (strcmp (key, K) == 0)                                              \
    {                                                                    \
      snprintf (ct->F, sizeof ct->F, "%s", value);                       \
      return 0;                                                          \
    }
  STR ("HOSTNAME", hostname);
  STR ("OSTEMPLATE", ostemplate);
  STR ("NAME", name);
  STR ("DESCRIPTION", description);
  STR ("LAYOUT", layout);
  STR ("VE_LAYOUT", layout);
  STR ("CPUMASK", cpumask);
#undef STR
  if (strcmp (key, "IP_ADDRESS") == 0)
    return split_list (value, ct_config_add_ip, ct, err);
  if (strcmp (key, "NAMESERVER") == 0)
    return split_list (value, ct_config_add_nameserver, ct, err);
  if (strcmp (key, "SEARCHDOMAIN") == 0)
    return searchdomain_key (ct, value, err);
  if (strcmp (key, "RAM") == 0 || strcmp (key, "PHYSPAGES") == 0)
    return size_key (key, value, &ct->ram, err);
  if (strcmp (key, "SWAP") == 0 || strcmp (key, "SWAPPAGES") == 0)
    return size_key (key, value, &ct->swap, err);
  if (strcmp (key, "DISKSPACE") == 0)
    return size_key (key, value, &ct->diskspace, err);
  if (strcmp (key, "DISKINODES") == 0)
    return count_key (key, value, &ct->diskinodes, err);
  if (strcmp (key, "NUMPROC") == 0)
    return count_key (key, value, &ct->numproc, err);
  if (strcmp (key, "NUMPTY") == 0)
    return count_key (key, value, &ct->numpty, err);
  if (strcmp (key, "IOLIMIT") == 0)
    return size_key (key, value, &ct->iolimit, err);
  if (strcmp (key, "IOPSLIMIT") == 0)
    return count_key (key, value, &ct->iopslimit, err);
  if (strcmp (key, "CPUUNITS") == 0)
    return uint_key (key, value, &ct->cpuunits, err);
  if (strcmp (key, "CPULIMIT") == 0)
    return uint_key (key, value, &ct->cpulimit, err);
  if (strcmp (key, "CPUS") == 0)
    return uint_key (key, value, &ct->cpus, err);
  if (strcmp (key, "IOPRIO") == 0)
    {
      unsigned v;
      if (uint_key (key, value, &v, err) < 0)
        return -1;
      ct->ioprio = v > 7 ? 7 : (int) v;
      return 0;
    }
  if (strcmp (key, "ONBOOT") == 0)
    ct->onboot = strcmp (value, "yes") == 0;
  else if (strcmp (key, "DISABLED") == 0)
    ct->disabled = strcmp (value, "yes") == 0;
  return 0;
}

int
ct_config_load (const node_config_t *node, int ctid, ct_config_t *ct, corral_error_t *err)
{
  char path[400];
  int ret;

  ct_config_init (ct, ctid);
  ct_config_path (node, ctid, path, sizeof path);
  ret = kvfile_read (path, ct_config_set, ct, err);
  if (ret < 0)
    return corral_error_wrap (err, "read `%s`", path);
  if (ret == 1)
    return corral_error (err, EXIT_NOTFOUND, 0, "CT %d does not exist", ctid);
  return 0;
}

static void
join (char *buf, size_t size, char list[][16], size_t n)
{
  size_t len = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < n && len < size; i++)
    len += (size_t) snprintf (buf + len, size - len, "%s%s", i ? " " : "", list[i]);
}

static const char *
size_str (char *buf, size_t size, uint64_t v)
{
  if (v == 0)
    return NULL;
  if (v == UINT64_MAX)
    return "unlimited";
  snprintf (buf, size, "%llu", (unsigned long long) v);
  return buf;
}

/* vzctl keeps num* beancounters as "barrier:limit".  */
static const char *
pair_str (char *buf, size_t size, uint64_t v)
{
  char one[24];
  if (size_str (one, sizeof one, v) == NULL)
    return NULL;
  snprintf (buf, size, "%s:%s", v == UINT64_MAX ? "unlimited" : one, v == UINT64_MAX ? "unlimited" : one);
  return buf;
}

int
ct_config_save (const node_config_t *node, const ct_config_t *ct, corral_error_t *err)
{
  char path[400], ips[CT_MAX_IPS * 17], ns[CT_MAX_NS * 17], ram[24], swap[24], disk[24];
  char inodes[24], nproc[48], npty[48], units[16], cpulim[16], cpus[16], prio[16], iolim[24], iops[24];
  const char *keys[] = { "OSTEMPLATE", "LAYOUT", "HOSTNAME", "IP_ADDRESS", "NAMESERVER", "RAM", "SWAP",
                         "DISKSPACE", "ONBOOT", "DISABLED", "NAME", "DESCRIPTION", "DISKINODES", "NUMPROC",
                         "NUMPTY", "CPUUNITS", "CPULIMIT", "CPUS", "CPUMASK", "IOPRIO", "IOLIMIT", "IOPSLIMIT",
                         "SEARCHDOMAIN" };
  const char *values[sizeof keys / sizeof keys[0]];

  join (ips, sizeof ips, (char (*)[16]) ct->ips, ct->n_ips);
  join (ns, sizeof ns, (char (*)[16]) ct->nameservers, ct->n_nameservers);
  values[0] = ct->ostemplate;
  values[1] = ct->layout;
  values[2] = ct->hostname[0] ? ct->hostname : NULL;
  values[3] = ips;
  values[4] = ct->n_nameservers ? ns : NULL;
  values[5] = size_str (ram, sizeof ram, ct->ram);
  values[6] = size_str (swap, sizeof swap, ct->swap);
  values[7] = size_str (disk, sizeof disk, ct->diskspace);
  values[8] = ct->onboot ? "yes" : "no";
  values[9] = ct->disabled ? "yes" : "no";
  values[10] = ct->name[0] ? ct->name : NULL;
  values[11] = ct->description[0] ? ct->description : NULL;
  values[12] = size_str (inodes, sizeof inodes, ct->diskinodes);
  values[13] = pair_str (nproc, sizeof nproc, ct->numproc);
  values[14] = pair_str (npty, sizeof npty, ct->numpty);
  values[15] = ct->cpuunits ? (snprintf (units, sizeof units, "%u", ct->cpuunits), units) : NULL;
  values[16] = ct->cpulimit ? (snprintf (cpulim, sizeof cpulim, "%u", ct->cpulimit), cpulim) : NULL;
  values[17] = ct->cpus ? (snprintf (cpus, sizeof cpus, "%u", ct->cpus), cpus) : NULL;
  values[18] = ct->cpumask[0] ? ct->cpumask : NULL;
  values[19] = ct->ioprio >= 0 ? (snprintf (prio, sizeof prio, "%d", ct->ioprio), prio) : NULL;
  values[20] = size_str (iolim, sizeof iolim, ct->iolimit);
  values[21] = size_str (iops, sizeof iops, ct->iopslimit);
  values[22] = ct->searchdomain[0] ? ct->searchdomain : NULL;
  ct_config_path (node, ct->ctid, path, sizeof path);
  return kvfile_write (path, keys, values, sizeof keys / sizeof keys[0], true, err);
}

int
ct_config_check_ip (const node_config_t *node, int ctid, const char *ip, corral_error_t *err)
{
  uint32_t addr, net, gw;
  int prefix;
  DIR *d;
  struct dirent *de;

  if (parse_ipv4 (ip, &addr, err) < 0)
    return -1;
  if (parse_cidr (node->subnet, &net, &prefix, err) < 0)
    return -1;
  if (!parse_ipv4_in_subnet (addr, net, prefix))
    return corral_error (err, EXIT_BADVALUE, 0, "invalid IP address `%s`: not a host address in the node subnet `%s`",
                         ip, node->subnet);
  if (parse_ipv4 (node->gateway, &gw, err) == 0 && gw == addr)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid IP address `%s`: it is the node gateway", ip);

  d = opendir (node->conf_dir);
  if (d == NULL)
    return corral_error (err, EXIT_SYSTEM, errno, "open `%s`", node->conf_dir);
  while ((de = readdir (d)))
    {
      int other;
      ct_config_t ct;
      corral_error_t ignored;
      char *end;
      size_t len = strlen (de->d_name);

      if (len < 6 || strcmp (de->d_name + len - 5, ".conf") != 0)
        continue;
      other = (int) strtol (de->d_name, &end, 10);
      if (*end != '.' || other == ctid || ct_config_load (node, other, &ct, &ignored) < 0)
        continue;
      for (size_t i = 0; i < ct.n_ips; i++)
        if (strcmp (ct.ips[i], ip) == 0)
          {
            closedir (d);
            return corral_error_code (err, EXIT_BADVALUE, 0, "ip_in_use",
                                      "invalid IP address `%s`: already used by CT %d", ip, other);
          }
    }
  closedir (d);
  return 0;
}
