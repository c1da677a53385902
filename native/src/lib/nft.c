/* nftables scripts for CT anti-spoofing (see nft.h for the layout).  */
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

/* Table, map and base chain.  "add" is idempotent for these; the base
   chain is flushed and refilled in the same transaction so its rules never
   repeat, whichever CT brings it up.  This kernel has no `meta ibrname`
   (bridge meta is not built in), so ports are recognised by the veth
   prefix: a node's VETH_PREFIX must not be a prefix of another node's.  */
static void
node_base (sbuf_t *b, const node_config_t *node, const char *t)
{
  sb_printf (b,
             "add table bridge %1$s\n"
             "add map bridge %1$s ports { type ifname : verdict; }\n"
             "add chain bridge %1$s prerouting { type filter hook prerouting priority -200; policy accept; }\n"
             "flush chain bridge %1$s prerouting\n"
             "add rule bridge %1$s prerouting iifname vmap @ports\n"
             "add rule bridge %1$s prerouting iifname \"%2$s*\" counter drop comment \"veth without a CT\"\n",
             t, node->veth_prefix);
}

static void
ct_set_elements (sbuf_t *b, const char *t, int ctid, const char *const *ips, size_t n_ips)
{
  sb_printf (b, "flush set bridge %s ct_%d_ip4\n", t, ctid);
  if (n_ips == 0)
    return;
  sb_printf (b, "add element bridge %s ct_%d_ip4 { ", t, ctid);
  for (size_t i = 0; i < n_ips; i++)
    sb_printf (b, "%s%s", i ? ", " : "", ips[i]);
  sb_printf (b, " }\n");
}

int
nft_script_ct_up (const node_config_t *node, int ctid, const char *veth, const char *mac,
                  const char *const *ips, size_t n_ips, char *buf, size_t len)
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
  node_base (&b, node, t);
  sb_printf (&b, "add set bridge %s ct_%d_ip4 { type ipv4_addr; }\n", t, ctid);
  ct_set_elements (&b, t, ctid, ips, n_ips);
  /* ARP: sender MAC and IP are checked too, or a CT could poison the others'
     caches; 0.0.0.0 is allowed as sender IP for duplicate address probes.
     IPv4 may only go to the node subnet: the gateway and other CTs, never
     through the host to outside addresses.  Anything else (IPv6, VLAN
     tags, other ethertypes) is dropped.  */
  sb_printf (&b,
             "add chain bridge %1$s ct_%2$d\n"
             "flush chain bridge %1$s ct_%2$d\n"
             "add rule bridge %1$s ct_%2$d ether saddr != %3$s counter drop comment \"spoofed MAC\"\n"
             "add rule bridge %1$s ct_%2$d ether type arp arp saddr ether != %3$s counter drop comment \"spoofed ARP MAC\"\n"
             "add rule bridge %1$s ct_%2$d ether type arp arp saddr ip { 0.0.0.0 } accept\n"
             "add rule bridge %1$s ct_%2$d ether type arp arp saddr ip @ct_%2$d_ip4 accept\n"
             "add rule bridge %1$s ct_%2$d ether type ip ip daddr != %5$s counter drop comment \"outside the node subnet\"\n"
             "add rule bridge %1$s ct_%2$d ether type ip ip saddr @ct_%2$d_ip4 accept\n"
             "add rule bridge %1$s ct_%2$d ether type ip6 counter drop comment \"IPv6\"\n"
             "add rule bridge %1$s ct_%2$d counter drop comment \"spoofed address or other protocol\"\n"
             "add element bridge %1$s ports { \"%4$s\" : jump ct_%2$d }\n",
             t, ctid, mac, veth, subnet);
  return b.full ? -1 : 0;
}

int
nft_script_ct_ips (const node_config_t *node, int ctid, const char *const *ips, size_t n_ips, char *buf, size_t len)
{
  char t[32];
  sbuf_t b = { buf, len, 0, false };

  nft_table_name (node, t, sizeof t);
  ct_set_elements (&b, t, ctid, ips, n_ips);
  return b.full ? -1 : 0;
}

/* nft 1.0.6 has no "destroy": create each object first (a no-op when it
   exists) so the deletes cannot fail, which makes down idempotent.  */
int
nft_script_ct_down (const node_config_t *node, int ctid, const char *veth, char *buf, size_t len)
{
  char t[32];
  sbuf_t b = { buf, len, 0, false };

  nft_table_name (node, t, sizeof t);
  sb_printf (&b,
             "add table bridge %1$s\n"
             "add map bridge %1$s ports { type ifname : verdict; }\n"
             "add chain bridge %1$s ct_%2$d\n"
             "add set bridge %1$s ct_%2$d_ip4 { type ipv4_addr; }\n"
             "add element bridge %1$s ports { \"%3$s\" : jump ct_%2$d }\n"
             "delete element bridge %1$s ports { \"%3$s\" }\n"
             "flush chain bridge %1$s ct_%2$d\n"
             "delete chain bridge %1$s ct_%2$d\n"
             "delete set bridge %1$s ct_%2$d_ip4\n",
             t, ctid, veth);
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
