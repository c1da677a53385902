#include "rtnl.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

typedef struct req_s
{
  struct nlmsghdr *nh;
  size_t cap;
  char buf[1024];
} req_t;

static void *
req_init (req_t *r, uint16_t type, uint16_t flags, size_t hdr_len)
{
  memset (r->buf, 0, sizeof r->buf);
  r->cap = sizeof r->buf;
  r->nh = (struct nlmsghdr *) r->buf;
  r->nh->nlmsg_type = type;
  r->nh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
  r->nh->nlmsg_len = NLMSG_LENGTH (hdr_len);
  return NLMSG_DATA (r->nh);
}

/* Append an attribute; returns it so nested ones can be closed by nest_end.  */
static struct rtattr *
attr (req_t *r, uint16_t type, const void *data, size_t len)
{
  size_t off = NLMSG_ALIGN (r->nh->nlmsg_len);
  if (off + RTA_SPACE (len) > r->cap)
    return NULL;
  struct rtattr *a = (struct rtattr *) (r->buf + off);
  a->rta_type = type;
  a->rta_len = RTA_LENGTH (len);
  if (len)
    memcpy (RTA_DATA (a), data, len);
  r->nh->nlmsg_len = off + RTA_SPACE (len);
  return a;
}

static void
nest_end (req_t *r, struct rtattr *a)
{
  a->rta_len = (char *) r->nh + r->nh->nlmsg_len - (char *) a;
}

static int
talk (int fd, req_t *r, const char *what, corral_error_t *err)
{
  static uint32_t seq;
  struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
  char buf[4096];

  r->nh->nlmsg_seq = ++seq;
  if (sendto (fd, r->nh, r->nh->nlmsg_len, 0, (struct sockaddr *) &sa, sizeof sa) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "%s: netlink send", what);
  for (;;)
    {
      ssize_t n = recv (fd, buf, sizeof buf, 0);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return corral_error (err, EXIT_SYSTEM, errno, "%s: netlink receive", what);
      for (struct nlmsghdr *h = (struct nlmsghdr *) buf; NLMSG_OK (h, (size_t) n); h = NLMSG_NEXT (h, n))
        {
          if (h->nlmsg_seq != r->nh->nlmsg_seq || h->nlmsg_type != NLMSG_ERROR)
            continue;
          int e = -((struct nlmsgerr *) NLMSG_DATA (h))->error;
          return e ? corral_error (err, EXIT_SYSTEM, e, "%s", what) : 0;
        }
    }
}

int
rtnl_open (corral_error_t *err)
{
  int fd = socket (AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (fd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "open a netlink socket");
  struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
  if (bind (fd, (struct sockaddr *) &sa, sizeof sa) < 0)
    {
      int e = errno;
      close (fd);
      return corral_error (err, EXIT_SYSTEM, e, "bind a netlink socket");
    }
  return fd;
}

int
rtnl_veth_add (int fd, const char *name, int master, const char *peer, const uint8_t mac[6], int netns_fd,
               corral_error_t *err)
{
  req_t r;
  char what[64];
  struct ifinfomsg *ifi = req_init (&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, sizeof *ifi);
  ifi->ifi_family = AF_UNSPEC;
  ifi->ifi_flags = IFF_UP;
  ifi->ifi_change = IFF_UP;
  attr (&r, IFLA_IFNAME, name, strlen (name) + 1);
  if (master)
    attr (&r, IFLA_MASTER, &master, sizeof master);
  struct rtattr *info = attr (&r, IFLA_LINKINFO, NULL, 0);
  attr (&r, IFLA_INFO_KIND, "veth", 4);
  struct rtattr *data = attr (&r, IFLA_INFO_DATA, NULL, 0);
  struct rtattr *pa = attr (&r, VETH_INFO_PEER, NULL, 0);
  /* The peer's attributes follow its own ifinfomsg.  */
  struct ifinfomsg pifi = { .ifi_family = AF_UNSPEC };
  memcpy (RTA_DATA (pa), &pifi, sizeof pifi);
  r.nh->nlmsg_len += NLMSG_ALIGN (sizeof pifi);
  attr (&r, IFLA_IFNAME, peer, strlen (peer) + 1);
  attr (&r, IFLA_ADDRESS, mac, 6);
  uint32_t nsfd = netns_fd;
  struct rtattr *last = attr (&r, IFLA_NET_NS_FD, &nsfd, sizeof nsfd);
  if (!last)
    return corral_error (err, EXIT_SYSTEM, 0, "create veth `%s`: request too large", name);
  nest_end (&r, pa);
  nest_end (&r, data);
  nest_end (&r, info);
  snprintf (what, sizeof what, "create veth `%s`", name);
  return talk (fd, &r, what, err);
}

int
rtnl_link_del (int fd, int ifindex, corral_error_t *err)
{
  req_t r;
  struct ifinfomsg *ifi = req_init (&r, RTM_DELLINK, 0, sizeof *ifi);
  ifi->ifi_family = AF_UNSPEC;
  ifi->ifi_index = ifindex;
  return talk (fd, &r, "delete link", err);
}

int
rtnl_link_up (int fd, int ifindex, corral_error_t *err)
{
  req_t r;
  struct ifinfomsg *ifi = req_init (&r, RTM_NEWLINK, 0, sizeof *ifi);
  ifi->ifi_family = AF_UNSPEC;
  ifi->ifi_index = ifindex;
  ifi->ifi_flags = IFF_UP;
  ifi->ifi_change = IFF_UP;
  return talk (fd, &r, "set link up", err);
}

static int
addr_msg (int fd, uint16_t type, uint16_t flags, int ifindex, uint32_t addr, int prefix, corral_error_t *err)
{
  req_t r;
  char what[64];
  uint32_t a = htonl (addr);
  struct ifaddrmsg *ifa = req_init (&r, type, flags, sizeof *ifa);
  ifa->ifa_family = AF_INET;
  ifa->ifa_prefixlen = prefix;
  ifa->ifa_index = ifindex;
  ifa->ifa_scope = RT_SCOPE_UNIVERSE;
  attr (&r, IFA_LOCAL, &a, 4);
  attr (&r, IFA_ADDRESS, &a, 4);
  if (type == RTM_NEWADDR && prefix < 31)
    {
      uint32_t b = htonl (addr | (prefix ? 0xffffffffu >> prefix : 0xffffffffu));
      attr (&r, IFA_BROADCAST, &b, 4);
    }
  snprintf (what, sizeof what, "%s address %u.%u.%u.%u/%d", type == RTM_NEWADDR ? "set" : "delete", addr >> 24,
            (addr >> 16) & 255, (addr >> 8) & 255, addr & 255, prefix);
  return talk (fd, &r, what, err);
}

int
rtnl_addr_replace (int fd, int ifindex, uint32_t addr, int prefix, corral_error_t *err)
{
  return addr_msg (fd, RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE, ifindex, addr, prefix, err);
}

int
rtnl_addr_del (int fd, int ifindex, uint32_t addr, int prefix, corral_error_t *err)
{
  return addr_msg (fd, RTM_DELADDR, 0, ifindex, addr, prefix, err);
}

int
rtnl_route_default (int fd, int ifindex, uint32_t gw, corral_error_t *err)
{
  req_t r;
  uint32_t g = htonl (gw);
  struct rtmsg *rt = req_init (&r, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE, sizeof *rt);
  rt->rtm_family = AF_INET;
  rt->rtm_table = RT_TABLE_MAIN;
  rt->rtm_protocol = RTPROT_BOOT;
  rt->rtm_scope = RT_SCOPE_UNIVERSE;
  rt->rtm_type = RTN_UNICAST;
  rt->rtm_flags = RTNH_F_ONLINK;
  attr (&r, RTA_GATEWAY, &g, 4);
  attr (&r, RTA_OIF, &ifindex, sizeof ifindex);
  return talk (fd, &r, "set the default route", err);
}
