/* CT networking with ip(8) and nft(8), run from argv arrays, never a shell.
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
  if (!if_nametoindex (node->bridge))
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

/* Run FN in a child that joined the netns NSFD: setns() never happens in
   the caller, which may be doing other things.  The child's error comes back
   whole over a pipe.  */
static int
netns_run (int nsfd, int (*fn) (void *, corral_error_t *), void *arg, corral_error_t *err)
{
  int p[2];
  if (pipe2 (p, O_CLOEXEC) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "pipe");
  pid_t pid = fork ();
  if (pid < 0)
    {
      close (p[0]);
      close (p[1]);
      return corral_error (err, EXIT_SYSTEM, errno, "fork");
    }
  if (pid == 0)
    {
      corral_error_t cerr;
      close (p[0]);
      int r = setns (nsfd, CLONE_NEWNET) < 0 ? corral_error (&cerr, EXIT_SYSTEM, errno, "enter the CT netns")
                                             : fn (arg, &cerr);
      if (r < 0 && write (p[1], &cerr, sizeof cerr) != sizeof cerr)
        _exit (2);
      _exit (r < 0 ? 1 : 0);
    }
  close (p[1]);
  corral_error_t cerr;
  ssize_t n;
  while ((n = read (p[0], &cerr, sizeof cerr)) < 0 && errno == EINTR)
    ;
  close (p[0]);
  int status;
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  if (n == sizeof cerr)
    {
      *err = cerr;
      return -1;
    }
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return corral_error (err, EXIT_SYSTEM, 0, "configure the CT netns: helper failed");
  return 0;
}

typedef struct inside_s
{
  const char *const *ips;
  size_t n_ips;
  int prefix;
  const char *gateway;
} inside_t;

/* In the CT netns: eth0 gets exactly the wanted addresses.  Stale ones are
   deleted first, with promote_secondaries on so removing the primary does
   not take the others with it.  */
static int
inside_configure (void *data, corral_error_t *err)
{
  inside_t *in = data;
  char script[8192];
  size_t off = 0;
  struct ifaddrs *ifa = NULL;

  int fd = open ("/proc/sys/net/ipv4/conf/eth0/promote_secondaries", O_WRONLY | O_CLOEXEC);
  if (fd >= 0)
    {
      if (write (fd, "1", 1) < 0)
        {
          /* Not fatal: only matters when deleting a primary address.  */
        }
      close (fd);
    }
  off += snprintf (script + off, sizeof script - off, "link set lo up\n");
  if (getifaddrs (&ifa) == 0)
    {
      for (struct ifaddrs *i = ifa; i; i = i->ifa_next)
        {
          char a[INET_ADDRSTRLEN];
          bool keep = false;
          if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || strcmp (i->ifa_name, "eth0") != 0)
            continue;
          inet_ntop (AF_INET, &((struct sockaddr_in *) i->ifa_addr)->sin_addr, a, sizeof a);
          for (size_t k = 0; k < in->n_ips; k++)
            keep |= strcmp (a, in->ips[k]) == 0;
          if (!keep && off < sizeof script - 64)
            off += snprintf (script + off, sizeof script - off, "addr del %s dev eth0\n", a);
        }
      freeifaddrs (ifa);
    }
  for (size_t k = 0; k < in->n_ips && off < sizeof script - 64; k++)
    off += snprintf (script + off, sizeof script - off, "addr replace %s/%d dev eth0\n", in->ips[k], in->prefix);
  off += snprintf (script + off, sizeof script - off, "link set eth0 up\n");
  if (in->n_ips && off < sizeof script - 96)
    snprintf (script + off, sizeof script - off, "route replace default via %s dev eth0 onlink\n", in->gateway);
  int ret = ip_batch (script, err);
  if (ret < 0)
    corral_error_wrap (err, "configure eth0 in the CT");
  return ret;
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
  char veth[IFNAMSIZ], mac[18], script[8192];
  int prefix, ret, nsfd;
  corral_error_t ignored;

  if ((ret = net_veth_name (node, ctid, veth, sizeof veth, err)) < 0 || (ret = net_check_ips (node, ips, n_ips, err)) < 0)
    return ret;
  if ((prefix = net_prefix_len (node, err)) < 0)
    return prefix;
  net_ct_mac (ctid, mac);
  if ((nsfd = open_netns (ct_init_pid, err)) < 0)
    return nsfd;
  if ((ret = bridge_ensure (node, prefix, err)) < 0)
    goto out;

  /* Rules first: until the port is in the map its frames are dropped, so
     there is no window in which the CT could send unfiltered.  */
  if (nft_script_ct_up (node, ctid, veth, mac, ips, n_ips, script, sizeof script) < 0)
    {
      ret = corral_error (err, EXIT_BADVALUE, 0, "too many addresses for CT %d", ctid);
      goto out;
    }
  if ((ret = nft_apply (script, err)) < 0)
    {
      corral_error_wrap (err, "install anti-spoof rules for CT %d", ctid);
      goto fail;
    }

  /* A veth left by a crashed run would make "link add" fail.  */
  size_t off = 0;
  if (if_nametoindex (veth))
    off += snprintf (script + off, sizeof script - off, "link del %s\n", veth);
  /* The peer is created directly inside the CT netns, already named eth0.  */
  snprintf (script + off, sizeof script - off,
            "link add name %1$s type veth peer name eth0 address %2$s netns %3$d\n"
            "link set %1$s master %4$s\n"
            "link set %1$s up\n",
            veth, mac, (int) ct_init_pid, node->bridge);
  if ((ret = ip_batch (script, err)) < 0)
    {
      corral_error_wrap (err, "create veth `%s` for CT %d", veth, ctid);
      goto fail;
    }
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
  char script[8192];
  int prefix, ret, nsfd;

  if ((ret = net_check_ips (node, ips, n_ips, err)) < 0)
    return ret;
  if ((prefix = net_prefix_len (node, err)) < 0)
    return prefix;
  if ((nsfd = open_netns (ct_init_pid, err)) < 0)
    return nsfd;
  /* The set first: a removed address stops being usable at once; an added
     one is allowed a moment before eth0 has it, which is harmless.  */
  if (nft_script_ct_ips (node, ctid, ips, n_ips, script, sizeof script) < 0)
    ret = corral_error (err, EXIT_BADVALUE, 0, "too many addresses for CT %d", ctid);
  else if ((ret = nft_apply (script, err)) < 0)
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
  char veth[IFNAMSIZ], script[2048];
  int ret;

  if ((ret = net_veth_name (node, ctid, veth, sizeof veth, err)) < 0)
    return ret;
  bool had_veth = if_nametoindex (veth) != 0;
  if (had_veth)
    {
      snprintf (script, sizeof script, "link del %s\n", veth);
      /* It may vanish on its own when the CT netns dies: not an error.  */
      if (ip_batch (script, err) < 0 && if_nametoindex (veth))
        return corral_error_wrap (err, "delete veth `%s`", veth);
    }
  /* With neither the veth nor the bridge there is nothing of ours to delete,
     and the idempotent script would create an empty table.  */
  if (!had_veth && !if_nametoindex (node->bridge))
    return 0;
  nft_script_ct_down (node, ctid, veth, script, sizeof script);
  if ((ret = nft_apply (script, err)) < 0)
    corral_error_wrap (err, "remove anti-spoof rules of CT %d", ctid);
  return ret;
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
