#include "parse.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>

int
parse_ctid (const char *s, int *ctid, corral_error_t *err)
{
  long v = 0;

  if (s == NULL || *s == '\0')
    return corral_error (err, EXIT_BADVALUE, 0, "invalid CTID ``: expected a number");
  /* Digits only: no sign, no spaces, no "0x", so "../x" or "-5" never reach a path.  */
  for (const char *p = s; *p; p++)
    {
      if (!isdigit ((unsigned char) *p) || p - s > 10)
        return corral_error (err, EXIT_BADVALUE, 0, "invalid CTID `%s`: expected a number %d..%ld", s,
                             CTID_MIN, CTID_MAX);
      v = v * 10 + (*p - '0');
    }
  if (v < CTID_MIN || v > CTID_MAX)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid CTID `%s`: must be %d..%ld", s, CTID_MIN, CTID_MAX);
  *ctid = (int) v;
  return 0;
}

int
parse_uint (const char *s, uint64_t max, uint64_t *out, corral_error_t *err)
{
  uint64_t v = 0;

  if (s == NULL || *s == '\0')
    return corral_error (err, EXIT_BADVALUE, 0, "invalid number ``");
  for (const char *p = s; *p; p++)
    {
      if (!isdigit ((unsigned char) *p))
        return corral_error (err, EXIT_BADVALUE, 0, "invalid number `%s`", s);
      if (v > (UINT64_MAX - (uint64_t) (*p - '0')) / 10)
        return corral_error (err, EXIT_BADVALUE, ERANGE, "invalid number `%s`", s);
      v = v * 10 + (uint64_t) (*p - '0');
    }
  if (v > max)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid number `%s`: at most %llu", s, (unsigned long long) max);
  *out = v;
  return 0;
}

int
parse_size (const char *s, uint64_t *bytes, corral_error_t *err)
{
  uint64_t v = 0;
  const char *p = s;
  int shift = 0;

  if (s && strcmp (s, "unlimited") == 0)
    {
      *bytes = UINT64_MAX;
      return 0;
    }
  if (s == NULL || !isdigit ((unsigned char) *s))
    return corral_error (err, EXIT_BADVALUE, 0, "invalid size `%s`", s ? s : "");
  for (; isdigit ((unsigned char) *p); p++)
    {
      if (v > (UINT64_MAX - (uint64_t) (*p - '0')) / 10)
        return corral_error (err, EXIT_BADVALUE, ERANGE, "invalid size `%s`", s);
      v = v * 10 + (uint64_t) (*p - '0');
    }
  switch (*p)
    {
    case '\0': break;
    case 'k': case 'K': shift = 10; p++; break;
    case 'm': case 'M': shift = 20; p++; break;
    case 'g': case 'G': shift = 30; p++; break;
    case 't': case 'T': shift = 40; p++; break;
    case 'p': case 'P': shift = 50; p++; break;
    case 'b': case 'B': break;
    default:
      return corral_error (err, EXIT_BADVALUE, 0, "invalid size `%s`: unknown suffix `%c`", s, *p);
    }
  if (*p == 'b' || *p == 'B')
    p++;
  if (*p != '\0')
    return corral_error (err, EXIT_BADVALUE, 0, "invalid size `%s`", s);
  if (shift && v > (UINT64_MAX >> shift))
    return corral_error (err, EXIT_BADVALUE, ERANGE, "invalid size `%s`", s);
  *bytes = v << shift;
  return 0;
}

bool
parse_hostname_valid (const char *s)
{
  size_t len = s ? strlen (s) : 0;
  size_t label = 0;

  if (len == 0 || len > 253)
    return false;
  for (size_t i = 0; i <= len; i++)
    {
      char c = s[i];
      if (c == '.' || c == '\0')
        {
          if (label == 0 || label > 63 || s[i - 1] == '-')
            return false;
          label = 0;
          continue;
        }
      if (!(isalnum ((unsigned char) c) || c == '-'))
        return false;
      if (c == '-' && label == 0)
        return false;
      label++;
    }
  return true;
}

int
parse_hostname (const char *s, corral_error_t *err)
{
  if (!parse_hostname_valid (s))
    return corral_error (err, EXIT_BADVALUE, 0, "invalid hostname `%s`", s ? s : "");
  return 0;
}

/* inet_pton accepts the forms we want, but we spell the rules out so
   "010.1.1.1" or "1.2.3" are refused rather than reinterpreted.  */
int
parse_ipv4 (const char *s, uint32_t *addr, corral_error_t *err)
{
  uint32_t a = 0;
  const char *p = s;

  if (s == NULL)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid IP address ``");
  for (int part = 0; part < 4; part++)
    {
      unsigned v = 0;
      const char *start = p;
      while (isdigit ((unsigned char) *p) && p - start < 4)
        v = v * 10 + (unsigned) (*p++ - '0');
      if (p == start || p - start > 3 || v > 255 || (p - start > 1 && *start == '0'))
        return corral_error (err, EXIT_BADVALUE, 0, "invalid IP address `%s`", s);
      a = (a << 8) | v;
      if (part < 3 && *p++ != '.')
        return corral_error (err, EXIT_BADVALUE, 0, "invalid IP address `%s`", s);
    }
  if (*p != '\0')
    return corral_error (err, EXIT_BADVALUE, 0, "invalid IP address `%s`", s);
  *addr = a;
  return 0;
}

int
parse_cidr (const char *s, uint32_t *net, int *prefix, corral_error_t *err)
{
  char buf[64];
  char *slash;
  uint64_t len;

  if (s == NULL || strlen (s) >= sizeof buf)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid subnet `%s`", s ? s : "");
  strcpy (buf, s);
  slash = strchr (buf, '/');
  if (slash == NULL)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid subnet `%s`: expected ADDR/PREFIX", s);
  *slash = '\0';
  if (parse_ipv4 (buf, net, err) < 0 || parse_uint (slash + 1, 32, &len, err) < 0)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid subnet `%s`", s);
  *prefix = (int) len;
  return 0;
}

bool
parse_ipv4_in_subnet (uint32_t addr, uint32_t net, int prefix)
{
  uint32_t mask = prefix == 0 ? 0 : 0xffffffffu << (32 - prefix);

  if ((addr & mask) != (net & mask))
    return false;
  if (prefix <= 30 && ((addr & ~mask) == 0 || (addr & ~mask) == ~mask))
    return false;
  return true;
}
