/* CT networking: links and addresses over rtnetlink (rtnl.c), the bridge
   (once per node) with ip(8) and the rules with nft(8), both run from argv
   arrays, never a shell.
   Addresses get the node subnet's prefix length (not /32), so CTs on one
   node reach each other over the bridge directly and ARP works without
   proxy-ARP on the host; the nft rules keep each CT to its own MAC and
   addresses.  */
#include "net.h"

#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec-argv.h"
#include "nft.h"
#include "parse.h"
#include "rtnl.h"

#define IP "/usr/sbin/ip"

int
net_prefix_len (const node_config_t *node, corral_error_t *err)
{
  uint32_t net;
  int prefix;
  int ret = parse_cidr (node->subnet, &net, &prefix, err);
  return ret < 0 ? ret : prefix;
}

int
net_ip_in_subnet (const node_config_t *node, const char *ip)
{
  uint32_t addr, net, gw;
  int prefix;
  corral_error_t ignored;

  if (parse_ipv4 (ip, &addr, &ignored) < 0 || parse_cidr (node->subnet, &net, &prefix, &ignored) < 0)
    return 0;
  if (!parse_ipv4_in_subnet (addr, net, prefix))
    return 0;
  if (parse_ipv4 (node->gateway, &gw, &ignored) == 0 && gw == addr)
    return 0;
  return 1;
}

int
net_check_ips (const node_config_t *node, const char *const *ips, size_t n_ips, corral_error_t *err)
{
  for (size_t i = 0; i < n_ips; i++)
    {
      if (!net_ip_in_subnet (node, ips[i]))
        return corral_error (err, EXIT_BADVALUE, 0, "invalid CT address `%s`: not a host address of `%s` other than the gateway `%s`",
                             ips[i], node->subnet, node->gateway);
      for (size_t j = 0; j < i; j++)
        if (strcmp (ips[i], ips[j]) == 0)
          return corral_error (err, EXIT_BADVALUE, 0, "duplicate CT address `%s`", ips[i]);
    }
  return 0;
}

int
net_veth_name (const node_config_t *node, int ctid, char *out, size_t len, corral_error_t *err)
{
  char name[64];
  int n = snprintf (name, sizeof name, "%s%d", node->veth_prefix, ctid);
  if (ctid <= 0 || n >= IFNAMSIZ || (size_t) n >= len)
    return corral_error (err, EXIT_BADVALUE, 0, "veth name `%s` for CT %d is longer than %d characters", name, ctid,
                         IFNAMSIZ - 1);
  memcpy (out, name, n + 1);
  return 0;
}

void
net_ct_mac (int ctid, char out[18])
{
  uint32_t v = (uint32_t) ctid;
  snprintf (out, 18, "02:c7:%02x:%02x:%02x:%02x", v >> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255);
}

/* The bridge keeps a fixed MAC derived from its name: otherwise it takes the
   lowest port MAC, which changes as CTs come and go and stales their ARP
   entry for the gateway.  */
static void
bridge_mac (const char *bridge, char out[18])
{
  uint32_t h = 2166136261u;
  for (const char *p = bridge; *p; p++)
    h = (h ^ (unsigned char) *p) * 16777619u;
  snprintf (out, 18, "02:cb:%02x:%02x:%02x:%02x", h >> 24, (h >> 16) & 255, (h >> 8) & 255, h & 255);
}

static int
ip_batch (const char *script, corral_error_t *err)
{
  const char *argv[] = { IP, "-batch", "-", NULL };
  exec_opts_t o = EXEC_OPTS_INIT;
  o.input = script;
  o.input_len = strlen (script);
  return exec_argv_run (argv, &o, err);
}

/* A second node (or anything else) already using the subnet would make
   the host route CT traffic to the wrong interface, silently.  */
static int
subnet_free (const node_config_t *node, corral_error_t *err)
{
  struct ifaddrs *ifa;
  uint32_t net;
  int prefix;

  if (parse_cidr (node->subnet, &net, &prefix, err) < 0)
    return -1;
  uint32_t mask = prefix ? 0xffffffffu << (32 - prefix) : 0;
  if (getifaddrs (&ifa) < 0)
    return 0;
  int ret = 0;
  for (struct ifaddrs *i = ifa; i && ret == 0; i = i->ifa_next)
    {
      if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || strcmp (i->ifa_name, node->bridge) == 0)
        continue;
      uint32_t a = ntohl (((struct sockaddr_in *) i->ifa_addr)->sin_addr.s_addr);
      uint32_t m = i->ifa_netmask ? ntohl (((struct sockaddr_in *) i->ifa_netmask)->sin_addr.s_addr) : 0xffffffffu;
      uint32_t both = mask & m;
      if ((a & both) == (net & both))
        {
          char s[INET_ADDRSTRLEN];
          inet_ntop (AF_INET, &((struct sockaddr_in *) i->ifa_addr)->sin_addr, s, sizeof s);
          ret = corral_error (err, EXIT_BADVALUE, 0, "node subnet `%s` overlaps address `%s` on `%s`", node->subnet, s,
                              i->ifa_name);
        }
    }
  freeifaddrs (ifa);
  return ret;
}

static int
bridge_ensure (const node_config_t *node, int prefix, corral_error_t *err)
{
  char path[400], mac[18], script[512];
  int ret = 0;

  if (if_nametoindex (node->bridge))
    return 0;
  /* Two CTs starting at once would both try to create it.  */
  snprintf (path, sizeof path, "%s/net.lock", node->run_dir);
  int lock = open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (lock < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "open `%s`", path);
  if (flock (lock, LOCK_EX) < 0)
    {
      close (lock);
      return corral_error (err, EXIT_SYSTEM, errno, "lock `%s`", path);
    }
  if (!if_nametoindex (node->bridge) && (ret = subnet_free (node, err)) == 0)
    {
      bridge_mac (node->bridge, mac);
      snprintf (script, sizeof script,
                "link add name %1$s address %2$s type bridge\n"
                "addr replace %3$s/%4$d dev %1$s\n"
                "link set %1$s up\n",
                node->bridge, mac, node->gateway, prefix);
      if ((ret = ip_batch (script, err)) < 0)
        corral_error_wrap (err, "create bridge `%s`", node->bridge);
    }
  close (lock);
  return ret;
}

/* Run FN inside the netns NSFD and come back: corralctl and the monitor
   are single-threaded, so switching the caller's own netns for these few
   netlink requests is safe, and costs two setns() where a helper process
   cost a fork and an exit on every start.  */
static int
netns_run (int nsfd, int (*fn) (void *, corral_error_t *), void *arg, corral_error_t *err)
{
  int self = open ("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  if (self < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "open our netns");
  if (setns (nsfd, CLONE_NEWNET) < 0)
    {
      close (self);
      return corral_error (err, EXIT_SYSTEM, errno, "enter the CT netns");
    }
  int ret = fn (arg, err);
  /* Left in the CT's netns, every later step (the veth's removal, the
     rules) would act on the wrong network: stop here rather than that.  */
  if (setns (self, CLONE_NEWNET) < 0)
    {
      fprintf (stderr, "corralctl: cannot return to the host netns: %s\n", strerror (errno));
      _exit (EXIT_SYSTEM);
    }
  close (self);
  return ret;
}

typedef struct inside_s
{
  const char *const *ips;
  size_t n_ips;
  int prefix;
  const char *gateway;
} inside_t;

static int
prefix_of (const struct sockaddr *mask)
{
  uint32_t m = mask ? ntohl (((const struct sockaddr_in *) mask)->sin_addr.s_addr) : 0xffffffffu;
  int p = 0;
  while (p < 32 && (m & (0x80000000u >> p)))
    p++;
  return p;
}

/* In the CT netns: eth0 gets exactly the wanted addresses.  Stale ones are
   deleted first, with promote_secondaries on so removing the primary does
   not take the others with it.  Netlink, not ip(8): this is on the start
   path and an exec costs more than all the requests together.  */
static int
inside_configure (void *data, corral_error_t *err)
{
  inside_t *in = data;
  struct ifaddrs *ifa = NULL;
  uint32_t want[64], gw = 0;
  int ret = 0;

  if (in->n_ips > 64)
    return corral_error (err, EXIT_BADVALUE, 0, "too many addresses");
  for (size_t k = 0; k < in->n_ips; k++)
    if ((ret = parse_ipv4 (in->ips[k], &want[k], err)) < 0)
      return ret;
  if (in->n_ips && (ret = parse_ipv4 (in->gateway, &gw, err)) < 0)
    return ret;
  int fd = rtnl_open (err);
  if (fd < 0)
    return fd;
  int lo = if_nametoindex ("lo"), eth0 = if_nametoindex ("eth0");
  if (!eth0)
    {
      ret = corral_error (err, EXIT_SYSTEM, errno, "find eth0 in the CT");
      goto out;
    }
  int pfd = open ("/proc/sys/net/ipv4/conf/eth0/promote_secondaries", O_WRONLY | O_CLOEXEC);
  if (pfd >= 0)
    {
      if (write (pfd, "1", 1) < 0)
        {
          /* Not fatal: it only matters when a primary address goes.  */
        }
      close (pfd);
    }
  if (lo && (ret = rtnl_link_up (fd, lo, err)) < 0)
    goto out;
  if (getifaddrs (&ifa) == 0)
    {
      for (struct ifaddrs *i = ifa; i && ret == 0; i = i->ifa_next)
        {
          if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || strcmp (i->ifa_name, "eth0") != 0)
            continue;
          uint32_t a = ntohl (((struct sockaddr_in *) i->ifa_addr)->sin_addr.s_addr);
          bool keep = false;
          for (size_t k = 0; k < in->n_ips; k++)
            keep |= a == want[k];
          if (!keep)
            ret = rtnl_addr_del (fd, eth0, a, prefix_of (i->ifa_netmask), err);
        }
      freeifaddrs (ifa);
    }
  for (size_t k = 0; k < in->n_ips && ret == 0; k++)
    ret = rtnl_addr_replace (fd, eth0, want[k], in->prefix, err);
  if (ret == 0)
    ret = rtnl_link_up (fd, eth0, err);
  if (ret == 0 && in->n_ips)
    ret = rtnl_route_default (fd, eth0, gw, err);
out:
  close (fd);
  if (ret < 0)
    corral_error_wrap (err, "configure eth0 in the CT");
  return ret;
}

/* The node table's sets and chains, from nft(8) once per node (or after
   someone deleted them): under the same lock as the bridge, as two CTs
   may start at once.  */
static int
node_rules_ensure (const node_config_t *node, corral_error_t *err)
{
  char path[400], script[4096];
  int ret;

  if (nft_script_node (node, script, sizeof script) < 0)
    return corral_error (err, EXIT_BADVALUE, 0, "node nftables script too long");
  snprintf (path, sizeof path, "%s/net.lock", node->run_dir);
  int lock = open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (lock < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "open `%s`", path);
  if (flock (lock, LOCK_EX) < 0)
    ret = corral_error (err, EXIT_SYSTEM, errno, "lock `%s`", path);
  else
    ret = nft_apply (script, err);
  close (lock);
  return ret;
}

/* The port's elements (nft.h); the node's table comes first when missing.  */
static int
ct_rules_set (const node_config_t *node, const char *veth, const uint8_t mac[6], const char *const *ips, size_t n_ips,
              corral_error_t *err)
{
  int ret = nft_elems_ct_set (node, veth, mac, ips, n_ips, err);
  if (ret < 0 && err->errnum == ENOENT && (ret = node_rules_ensure (node, err)) == 0)
    ret = nft_elems_ct_set (node, veth, mac, ips, n_ips, err);
  return ret;
}

/* <run_dir>/net-<CTID>.rules exists while the CT has nft rules, so a stop
   of a CT without any (no addresses) costs no nft run.  */
static void
rules_marker (const node_config_t *node, int ctid, char *path, size_t len)
{
  snprintf (path, len, "%s/net-%d.rules", node->run_dir, ctid);
}

static int
open_netns (pid_t pid, corral_error_t *err)
{
  char path[64];
  snprintf (path, sizeof path, "/proc/%d/ns/net", (int) pid);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return corral_error (err, errno == ENOENT ? EXIT_NOTRUNNING : EXIT_SYSTEM, errno, "open `%s`", path);
  return fd;
}

int
net_ct_up (const node_config_t *node, int ctid, pid_t ct_init_pid, const char *const *ips, size_t n_ips,
           corral_error_t *err)
{
  char veth[IFNAMSIZ], mac[18];
  int prefix, ret, nsfd;
  corral_error_t ignored;

  if ((ret = net_veth_name (node, ctid, veth, sizeof veth, err)) < 0 || (ret = net_check_ips (node, ips, n_ips, err)) < 0)
    return ret;
  if ((prefix = net_prefix_len (node, err)) < 0)
    return prefix;
  /* No addresses, no eth0: the CT has only loopback, as a venet CT without
     IPs can send nothing either, and start/stop pay for no ip/nft runs.
     The first address added live (net_ct_set_ips) brings eth0 up.  */
  if (n_ips == 0)
    return 0;
  net_ct_mac (ctid, mac);
  if ((nsfd = open_netns (ct_init_pid, err)) < 0)
    return nsfd;
  if ((ret = bridge_ensure (node, prefix, err)) < 0)
    goto out;

  uint8_t macb[6];
  sscanf (mac, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &macb[0], &macb[1], &macb[2], &macb[3], &macb[4], &macb[5]);
  /* Rules first: a <veth_prefix>* port not in the set has its frames
     dropped, so there is no window in which the CT could send unfiltered.  */
  if ((ret = ct_rules_set (node, veth, macb, ips, n_ips, err)) < 0)
    {
      corral_error_wrap (err, "install anti-spoof rules for CT %d", ctid);
      goto fail;
    }
  char marker[400];
  rules_marker (node, ctid, marker, sizeof marker);
  int mfd = open (marker, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (mfd >= 0)
    close (mfd);

  int nl = rtnl_open (err);
  if (nl < 0)
    {
      ret = nl;
      goto fail;
    }
  /* A veth left by a crashed run would make the create fail.  */
  int stale = if_nametoindex (veth);
  if (stale)
    rtnl_link_del (nl, stale, &ignored);
  /* The peer is created directly inside the CT netns, already named eth0.  */
  ret = rtnl_veth_add (nl, veth, if_nametoindex (node->bridge), "eth0", macb, nsfd, err);
  close (nl);
  if (ret < 0)
    goto fail;
  inside_t in = { ips, n_ips, prefix, node->gateway };
  if ((ret = netns_run (nsfd, inside_configure, &in, err)) < 0)
    goto fail;
  close (nsfd);
  return 0;
fail:
  net_ct_down (node, ctid, &ignored);
out:
  close (nsfd);
  return ret;
}

int
net_ct_set_ips (const node_config_t *node, int ctid, pid_t ct_init_pid, const char *const *ips, size_t n_ips,
                corral_error_t *err)
{
  char veth[IFNAMSIZ], mac[18];
  uint8_t macb[6];
  int prefix, ret, nsfd;

  if ((ret = net_check_ips (node, ips, n_ips, err)) < 0 || (ret = net_veth_name (node, ctid, veth, sizeof veth, err)) < 0)
    return ret;
  if ((prefix = net_prefix_len (node, err)) < 0)
    return prefix;
  /* A CT started without addresses has no eth0 yet.  */
  if (!if_nametoindex (veth))
    return net_ct_up (node, ctid, ct_init_pid, ips, n_ips, err);
  if ((nsfd = open_netns (ct_init_pid, err)) < 0)
    return nsfd;
  /* The set first: a removed address stops being usable at once; an added
     one is allowed a moment before eth0 has it, which is harmless.  */
  net_ct_mac (ctid, mac);
  sscanf (mac, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &macb[0], &macb[1], &macb[2], &macb[3], &macb[4], &macb[5]);
  if ((ret = ct_rules_set (node, veth, macb, ips, n_ips, err)) < 0)
    corral_error_wrap (err, "update anti-spoof set of CT %d", ctid);
  else
    {
      inside_t in = { ips, n_ips, prefix, node->gateway };
      ret = netns_run (nsfd, inside_configure, &in, err);
    }
  close (nsfd);
  return ret;
}

int
net_ct_down (const node_config_t *node, int ctid, corral_error_t *err)
{
  char veth[IFNAMSIZ];
  int ret;

  if ((ret = net_veth_name (node, ctid, veth, sizeof veth, err)) < 0)
    return ret;
  int idx = if_nametoindex (veth);
  bool had_veth = idx != 0;
  if (had_veth)
    {
      int nl = rtnl_open (err);
      if (nl < 0)
        return nl;
      ret = rtnl_link_del (nl, idx, err);
      close (nl);
      /* It may vanish on its own when the CT netns dies: not an error.  */
      if (ret < 0 && if_nametoindex (veth))
        return corral_error_wrap (err, "delete veth `%s`", veth);
    }
  /* Without the marker the CT has no rules (it had no addresses), and
     the idempotent script would only cost an nft run.  */
  char marker[400];
  rules_marker (node, ctid, marker, sizeof marker);
  if (!had_veth && access (marker, F_OK) < 0)
    return 0;
  if ((ret = nft_elems_ct_del (node, veth, err)) < 0)
    return corral_error_wrap (err, "remove anti-spoof rules of CT %d", ctid);
  unlink (marker);
  return 0;
}

int
net_node_down (const node_config_t *node, corral_error_t *err)
{
  char script[512];
  int ret;

  if (if_nametoindex (node->bridge))
    {
      snprintf (script, sizeof script, "link del %s\n", node->bridge);
      if ((ret = ip_batch (script, err)) < 0)
        return ret;
    }
  nft_script_node_down (node, script, sizeof script);
  return nft_apply (script, err);
}
