/* nftables scripts for the node table (see nft.h for the layout).  */
#include "nft.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "exec-argv.h"
#include "parse.h"

#define NFT "/usr/sbin/nft"

typedef struct sbuf_s
{
  char *p;
  size_t len, off;
  bool full;
} sbuf_t;

static void sb_printf (sbuf_t *b, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));

static void
sb_printf (sbuf_t *b, const char *fmt, ...)
{
  if (b->full)
    return;
  va_list ap;
  va_start (ap, fmt);
  int n = vsnprintf (b->p + b->off, b->len - b->off, fmt, ap);
  va_end (ap);
  if (n < 0 || (size_t) n >= b->len - b->off)
    b->full = true;
  else
    b->off += n;
}

void
nft_table_name (const node_config_t *node, char *out, size_t len)
{
  snprintf (out, len, "corral_%s", node->bridge);
  for (char *p = out; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
      *p = '_';
}

/* The node's table: three sets every CT start and stop only adds elements
   to or deletes them from (nft-elems.c), the guard chain that checks each
   CT port's frames against them, and the base chain sending the ports to
   the guard.  "add" is idempotent for the table, sets and chains; the two
   chains are flushed and refilled in the same transaction so their rules
   never repeat, and the sets' elements (running CTs) are kept.  This
   kernel has no `meta ibrname` (bridge meta is not built in), so ports
   are recognised by the veth prefix: a node's VETH_PREFIX must not be a
   prefix of another node's.  */
int
nft_script_node (const node_config_t *node, char *buf, size_t len)
{
  char t[32], subnet[32];
  sbuf_t b = { buf, len, 0, false };
  uint32_t net;
  int prefix;
  corral_error_t ignored;

  if (parse_cidr (node->subnet, &net, &prefix, &ignored) < 0)
    return -1;
  net &= prefix ? 0xffffffffu << (32 - prefix) : 0;
  snprintf (subnet, sizeof subnet, "%u.%u.%u.%u/%d", net >> 24, (net >> 16) & 255, (net >> 8) & 255, net & 255,
            prefix);
  nft_table_name (node, t, sizeof t);
  /* ARP: sender MAC and IP are checked too, or a CT could poison the others'
     caches; 0.0.0.0 is allowed as sender IP for duplicate address probes.
     IPv4 may only go to the node subnet: the gateway and other CTs, never
     through the host to outside addresses.  Anything else (IPv6, VLAN
     tags, other ethertypes) is dropped.  */
  sb_printf (&b,
             "add table bridge %1$s\n"
             "add set bridge %1$s " NFT_SET_PORT " { type ifname; }\n"
             "add set bridge %1$s " NFT_SET_MAC " { type ifname . ether_addr; }\n"
             "add set bridge %1$s " NFT_SET_IP4 " { type ifname . ipv4_addr; }\n"
             "add chain bridge %1$s " NFT_CHAIN_GUARD "\n"
             "flush chain bridge %1$s " NFT_CHAIN_GUARD "\n"
             "add rule bridge %1$s " NFT_CHAIN_GUARD " iifname != @" NFT_SET_PORT " counter drop comment \"veth without a CT\"\n"
             "add rule bridge %1$s " NFT_CHAIN_GUARD " iifname . ether saddr != @" NFT_SET_MAC " counter drop comment \"spoofed MAC\"\n"
             "add rule bridge %1$s " NFT_CHAIN_GUARD " ether type arp iifname . arp saddr ether != @" NFT_SET_MAC " counter drop comment \"spoofed ARP MAC\"\n"
             "add rule bridge %1$s " NFT_CHAIN_GUARD " ether type arp arp saddr ip { 0.0.0.0 } accept\n"
             "add rule bridge %1$s " NFT_CHAIN_GUARD " ether type arp iifname . arp saddr ip @" NFT_SET_IP4 " accept\n"
             "add rule bridge %1$s " NFT_CHAIN_GUARD " ether type ip ip daddr != %3$s counter drop comment \"outside the node subnet\"\n"
             "add rule bridge %1$s " NFT_CHAIN_GUARD " ether type ip iifname . ip saddr @" NFT_SET_IP4 " accept\n"
             "add rule bridge %1$s " NFT_CHAIN_GUARD " ether type ip6 counter drop comment \"IPv6\"\n"
             "add rule bridge %1$s " NFT_CHAIN_GUARD " counter drop comment \"spoofed address or other protocol\"\n"
             "add chain bridge %1$s prerouting { type filter hook prerouting priority -200; policy accept; }\n"
             "flush chain bridge %1$s prerouting\n"
             "add rule bridge %1$s prerouting iifname \"%2$s*\" jump " NFT_CHAIN_GUARD "\n",
             t, node->veth_prefix, subnet);
  return b.full ? -1 : 0;
}

int
nft_script_node_down (const node_config_t *node, char *buf, size_t len)
{
  char t[32];
  sbuf_t b = { buf, len, 0, false };

  nft_table_name (node, t, sizeof t);
  sb_printf (&b, "add table bridge %1$s\ndelete table bridge %1$s\n", t);
  return b.full ? -1 : 0;
}

int
nft_apply (const char *script, corral_error_t *err)
{
  const char *argv[] = { NFT, "-f", "-", NULL };
  exec_opts_t o = EXEC_OPTS_INIT;
  o.input = script;
  o.input_len = strlen (script);
  return exec_argv_run (argv, &o, err);
}
