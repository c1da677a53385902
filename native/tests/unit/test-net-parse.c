/* CT network helpers that need no root: subnet checks, veth names, MACs,
   and the node's nft script.  */
#include <string.h>

#include "net.h"
#include "nft.h"
#include "tap.h"

static void
node_init (node_config_t *n, const char *bridge, const char *subnet, const char *gw, const char *prefix)
{
  memset (n, 0, sizeof *n);
  strcpy (n->bridge, bridge);
  strcpy (n->subnet, subnet);
  strcpy (n->gateway, gw);
  strcpy (n->veth_prefix, prefix);
}

int
main (void)
{
  node_config_t n;
  corral_error_t err;
  char buf[8192], name[32], mac[18];

  node_init (&n, "corralbr0", "10.77.0.0/24", "10.77.0.1", "cv");
  ok (net_ip_in_subnet (&n, "10.77.0.5"), "10.77.0.5 is in 10.77.0.0/24");
  ok (net_ip_in_subnet (&n, "10.77.0.254"), "10.77.0.254 is in the subnet");
  ok (!net_ip_in_subnet (&n, "10.77.0.0"), "network address refused");
  ok (!net_ip_in_subnet (&n, "10.77.0.255"), "broadcast address refused");
  ok (!net_ip_in_subnet (&n, "10.77.0.1"), "gateway refused");
  ok (!net_ip_in_subnet (&n, "10.77.1.5"), "10.77.1.5 outside");
  ok (!net_ip_in_subnet (&n, "10.77.0.5/24") && !net_ip_in_subnet (&n, "10.77.0") && !net_ip_in_subnet (&n, "")
      && !net_ip_in_subnet (&n, "10.77.0.256") && !net_ip_in_subnet (&n, "10.77.0.05")
      && !net_ip_in_subnet (&n, "a.b.c.d"),
      "malformed addresses refused");
  ok (net_prefix_len (&n, &err) == 24, "prefix length 24");

  const char *dup[] = { "10.77.0.5", "10.77.0.6", "10.77.0.5" };
  ok (net_check_ips (&n, dup, 2, &err) == 0, "two distinct addresses pass");
  ok (net_check_ips (&n, dup, 3, &err) < 0 && err.exit_code == 21 && strstr (err.message, "`10.77.0.5`"),
      "duplicate address refused: %s", err.message);
  const char *out[] = { "192.168.1.1" };
  ok (net_check_ips (&n, out, 1, &err) < 0 && err.exit_code == 21 && strstr (err.message, "`192.168.1.1`"),
      "outside address refused: %s", err.message);

  node_config_t n16;
  node_init (&n16, "br1", "10.199.0.0/16", "10.199.0.1", "tv");
  ok (net_ip_in_subnet (&n16, "10.199.255.7") && !net_ip_in_subnet (&n16, "10.199.255.255"), "/16 subnet math");

  ok (net_veth_name (&n, 101, name, sizeof name, &err) == 0 && strcmp (name, "cv101") == 0, "veth name cv101");
  ok (net_veth_name (&n, 2147483644, name, sizeof name, &err) == 0 && strcmp (name, "cv2147483644") == 0,
      "veth name for the largest CTID fits");
  node_config_t nl;
  node_init (&nl, "b", "10.0.0.0/24", "10.0.0.1", "corral_");
  ok (net_veth_name (&nl, 2147483644, name, sizeof name, &err) < 0 && err.exit_code == 21,
      "a veth name over 15 characters is refused: %s", err.message);

  net_ct_mac (101, mac);
  ok (strcmp (mac, "02:c7:00:00:00:65") == 0, "MAC of CT 101 is %s", mac);
  net_ct_mac (2147483644, mac);
  ok (strcmp (mac, "02:c7:7f:ff:ff:fc") == 0, "MAC of the largest CTID is %s", mac);

  nft_table_name (&n, name, sizeof name);
  ok (strcmp (name, "corral_corralbr0") == 0, "table name %s", name);
  node_config_t nd;
  node_init (&nd, "br-0.x", "10.0.0.0/24", "10.0.0.1", "cv");
  nft_table_name (&nd, name, sizeof name);
  ok (strcmp (name, "corral_br_0_x") == 0, "table name sanitised: %s", name);

  ok (nft_script_node (&n, buf, sizeof buf) == 0
      && strstr (buf, "add set bridge corral_corralbr0 ct_port { type ifname; }")
      && strstr (buf, "add set bridge corral_corralbr0 ct_mac { type ifname . ether_addr; }")
      && strstr (buf, "add set bridge corral_corralbr0 ct_ip4 { type ifname . ipv4_addr; }")
      && strstr (buf, "guard iifname != @ct_port counter drop")
      && strstr (buf, "guard iifname . ether saddr != @ct_mac counter drop")
      && strstr (buf, "guard ether type arp iifname . arp saddr ether != @ct_mac counter drop")
      && strstr (buf, "guard ether type arp iifname . arp saddr ip @ct_ip4 accept")
      && strstr (buf, "guard ether type ip iifname . ip saddr @ct_ip4 accept")
      && strstr (buf, "prerouting iifname \"cv*\" jump guard")
      && strstr (buf, "ip daddr != 10.77.0.0/24 counter drop"),
      "node script has the sets, MAC, ARP, subnet and port rules");
  /* The guard's last rule drops: a frame no earlier rule accepted never passes.  */
  ok (strstr (buf, "guard counter drop comment \"spoofed address or other protocol\"\n"
                   "add chain bridge corral_corralbr0 prerouting"),
      "the guard chain ends in a drop");
  ok (strstr (buf, "flush set") == NULL && strstr (buf, "delete") == NULL,
      "re-applying the node script keeps the running CTs' elements");
  node_config_t nh;
  node_init (&nh, "b", "10.5.6.7/16", "10.5.0.1", "cv");
  ok (nft_script_node (&nh, buf, sizeof buf) == 0 && strstr (buf, "ip daddr != 10.5.0.0/16 "),
      "subnet with host bits is normalised for nft");
  ok (strstr (buf, "masquerade") == NULL && strstr (buf, " nat") == NULL, "no NAT anywhere");
  ok (nft_script_node (&n, buf, 100) < 0, "too small a buffer is an error");
  return tap_done ();
}
