/* Validation of every value that comes from the command line or a CT
   config: CTIDs, sizes, hostnames, addresses.  Each returns 0 or a
   negative value with ERR naming the bad value (exit 21).  */
#ifndef CORRAL_PARSE_H
#define CORRAL_PARSE_H

#include <stdbool.h>
#include <stdint.h>
#include "error.h"

#define CTID_MIN 101
#define CTID_MAX 2147483644L   /* vzctl's upper bound */

int parse_ctid (const char *s, int *ctid, corral_error_t *err);

/* "512M", "2G", "1048576", "unlimited" (UINT64_MAX).  K/M/G/T/P are
   powers of 1024; a trailing B/b is accepted.  */
int parse_size (const char *s, uint64_t *bytes, corral_error_t *err);

/* Non-negative integer with an upper bound (timeouts, counts).  */
int parse_uint (const char *s, uint64_t max, uint64_t *out, corral_error_t *err);

/* RFC 1123 host name: labels of [A-Za-z0-9-], no leading/trailing '-',
   1..63 chars each, 253 total.  */
bool parse_hostname_valid (const char *s);
int parse_hostname (const char *s, corral_error_t *err);

/* Dotted-quad IPv4 with no leading zeros; returns host byte order.  */
int parse_ipv4 (const char *s, uint32_t *addr, corral_error_t *err);

/* "10.77.0.0/24" -> network and prefix length.  */
int parse_cidr (const char *s, uint32_t *net, int *prefix, corral_error_t *err);

/* ADDR lies in NET/PREFIX and is neither the network nor the broadcast
   address.  */
bool parse_ipv4_in_subnet (uint32_t addr, uint32_t net, int prefix);

#endif
