/* The values `set` and `create` take for limits, checked before anything
   changes; every error names the option and the value (exit 21).  */
#include "ct-limits.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

int
limits_parse_ram (const char *opt, const char *s, uint64_t *out, corral_error_t *err)
{
  uint64_t v;
  if (s && s[0] == '-')
    return corral_error (err, EXIT_BADVALUE, 0, "invalid %s `%s`: must not be negative", opt, s);
  if (parse_size (s, &v, err) < 0)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid %s `%s`: expected a size like 512M, 2G or `unlimited`",
                         opt, s);
  if (v != LIMITS_UNLIMITED && strcmp (opt, "--ram") == 0 && v < (4u << 20))
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --ram `%s`: below the 4M a CT needs to boot", s);
  if (v != LIMITS_UNLIMITED && v > limits_host_ram () * 16)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid %s `%s`: more than 16 times the node's RAM (use `unlimited`)",
                         opt, s);
  *out = v;
  return 0;
}

int
limits_parse_count (const char *opt, const char *s, uint64_t max, uint64_t *out, corral_error_t *err)
{
  uint64_t v;
  const char *colon;
  if (s && strcmp (s, "unlimited") == 0)
    {
      *out = LIMITS_UNLIMITED;
      return 0;
    }
  /* vzctl's barrier:limit form; for counters both must be equal.  */
  colon = s ? strchr (s, ':') : NULL;
  if (colon)
    {
      char b[32];
      snprintf (b, sizeof b, "%.*s", (int) (colon - s), s);
      if (strcmp (b, colon + 1) != 0)
        return corral_error (err, EXIT_BADVALUE, 0, "invalid %s `%s`: barrier and limit must be equal", opt, s);
      s = colon + 1;
    }
  if (parse_uint (s, UINT64_MAX - 1, &v, err) < 0)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid %s `%s`: expected a count or `unlimited`", opt, s);
  if (v < 1 || v > max)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid %s `%s`: must be 1..%llu", opt, s, (unsigned long long) max);
  *out = v;
  return 0;
}

int
limits_parse_cpuunits (const char *s, unsigned *out, corral_error_t *err)
{
  uint64_t v;
  if (parse_uint (s, UINT64_MAX, &v, err) < 0 || v < 8 || v > 500000)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --cpuunits `%s`: must be 8..500000", s ? s : "");
  *out = (unsigned) v;
  return 0;
}

int
limits_parse_cpulimit (const char *s, unsigned *out, corral_error_t *err)
{
  char buf[32];
  uint64_t v, max = (uint64_t) limits_host_cpus () * 100;
  size_t len = s ? strlen (s) : 0;

  snprintf (buf, sizeof buf, "%.*s", (int) (len && s[len - 1] == '%' ? len - 1 : len), s ? s : "");
  if (parse_uint (buf, UINT64_MAX, &v, err) < 0)
    return corral_error (err, EXIT_BADVALUE, 0,
                         "invalid --cpulimit `%s`: expected whole percent of one CPU (0 = none, 50 = half a CPU)",
                         s ? s : "");
  if (v > max)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --cpulimit `%s`: this node has %u CPUs, so at most %llu",
                         s, limits_host_cpus (), (unsigned long long) max);
  *out = (unsigned) v;
  return 0;
}

int
limits_parse_cpus (const char *s, unsigned *out, corral_error_t *err)
{
  uint64_t v;
  if (parse_uint (s, UINT64_MAX, &v, err) < 0 || v > limits_host_cpus ())
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --cpus `%s`: must be 0..%u (0 = all)", s ? s : "",
                         limits_host_cpus ());
  *out = (unsigned) v;
  return 0;
}

int
limits_parse_cpumask (const char *s, char *out, size_t size, corral_error_t *err)
{
  unsigned host = limits_host_cpus ();
  const char *p = s;

  if (s == NULL || *s == '\0' || strlen (s) >= size)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --cpumask `%s`", s ? s : "");
  if (strcmp (s, "all") == 0 || strcmp (s, "auto") == 0)
    {
      snprintf (out, size, "all");
      return 0;
    }
  /* N or N-M, comma separated, every CPU present on this node.  */
  while (*p)
    {
      char *end;
      unsigned long a, b;
      if (!isdigit ((unsigned char) *p))
        goto bad;
      a = strtoul (p, &end, 10);
      b = a;
      p = end;
      if (*p == '-')
        {
          if (!isdigit ((unsigned char) p[1]))
            goto bad;
          b = strtoul (p + 1, &end, 10);
          p = end;
        }
      if (b < a)
        goto bad;
      if (b >= host)
        return corral_error (err, EXIT_BADVALUE, 0, "invalid --cpumask `%s`: CPU %lu does not exist (node has 0-%u)",
                             s, b, host - 1);
      if (*p == ',')
        p++;
      else if (*p)
        goto bad;
    }
  snprintf (out, size, "%s", s);
  return 0;
bad:
  return corral_error (err, EXIT_BADVALUE, 0, "invalid --cpumask `%s`: expected a list like 0-2,5 or `all`", s);
}

int
limits_parse_ioprio (const char *s, int *out, corral_error_t *err)
{
  uint64_t v;
  if (parse_uint (s, 7, &v, err) < 0)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --ioprio `%s`: must be 0..7", s ? s : "");
  *out = (int) v;
  return 0;
}

int
limits_parse_iolimit (const char *s, uint64_t *out, corral_error_t *err)
{
  uint64_t v;
  if (s && s[0] == '-')
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --iolimit `%s`: must not be negative", s);
  if (parse_size (s, &v, err) < 0 || v == UINT64_MAX)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --iolimit `%s`: expected bytes/s like 10M (0 = none)",
                         s ? s : "");
  /* vzctl truncates above 2 GB/s; refusing is clearer than a silent cap.  */
  if (v > (2ull << 30))
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --iolimit `%s`: at most 2G (bytes/s)", s);
  *out = v;
  return 0;
}

int
limits_parse_diskspace (const char *s, uint64_t *out, corral_error_t *err)
{
  uint64_t v;
  const char *colon = s ? strrchr (s, ':') : NULL;
  /* vzctl's soft:hard: the image size is the hard limit.  */
  const char *h = colon ? colon + 1 : s;
  if (h && h[0] == '-')
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --diskspace `%s`: must not be negative", s);
  if (parse_size (h, &v, err) < 0 || v == UINT64_MAX)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --diskspace `%s`: expected a size like 10G", s ? s : "");
  if (v < (64ull << 20))
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --diskspace `%s`: at least 64M", s);
  if (v > (16ull << 40))
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --diskspace `%s`: at most 16T", s);
  *out = v;
  return 0;
}

int
limits_parse_diskinodes (const char *s, uint64_t *out, corral_error_t *err)
{
  uint64_t v;
  const char *colon = s ? strrchr (s, ':') : NULL;
  if (parse_uint (colon ? colon + 1 : s, UINT64_MAX, &v, err) < 0 || v < 1024 || v > UINT32_MAX)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --diskinodes `%s`: must be 1024..4294967295", s ? s : "");
  *out = v;
  return 0;
}
