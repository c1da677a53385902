#include "stats-shared.h"

#include <errno.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/sysinfo.h>
#include <unistd.h>

/* Samples an OOM notification keeps a CT's evented files re-read: the
   kernel signals before its OOM killer has counted the kill.  */
#define HOT_SAMPLES 3
/* How often the node's links are counted again by a full dump while the
   sampler asks for its CTs' links one by one.  */
#define RECOUNT_EVERY 60
/* Link requests per send: their replies must fit the socket's buffer.  */
#define GET_BATCH 128

void
stats_shared_open (stats_shared_t *sh)
{
  int rcv = 1 << 20;

  memset (sh, 0, sizeof *sh);
  sh->epfd = epoll_create1 (EPOLL_CLOEXEC);
  sh->nl_fd = socket (AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (sh->nl_fd >= 0 && setsockopt (sh->nl_fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcv, sizeof rcv) < 0)
    setsockopt (sh->nl_fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof rcv);
  sh->ifr_fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sh->host_swap = true;
}

void
stats_shared_close (stats_shared_t *sh)
{
  if (sh->epfd >= 0)
    close (sh->epfd);
  if (sh->nl_fd >= 0)
    close (sh->nl_fd);
  if (sh->ifr_fd >= 0)
    close (sh->ifr_fd);
  free (sh->links);
  memset (sh, 0, sizeof *sh);
  sh->epfd = sh->nl_fd = sh->ifr_fd = -1;
}

static int
cmp_link (const void *a, const void *b)
{
  const stats_link_t *x = a, *y = b;
  return (x->ifindex > y->ifindex) - (x->ifindex < y->ifindex);
}

/* Kernels answer in ifindex order; sort only when this one did not.  */
static void
sort_links (stats_shared_t *sh)
{
  for (size_t i = 1; i < sh->nlinks; i++)
    if (sh->links[i - 1].ifindex > sh->links[i].ifindex)
      {
        qsort (sh->links, sh->nlinks, sizeof *sh->links, cmp_link);
        return;
      }
}

static int
add_link (stats_shared_t *sh, const struct nlmsghdr *h)
{
  const struct if_stats_msg *ifs = NLMSG_DATA (h);
  int len = (int) h->nlmsg_len - NLMSG_LENGTH (sizeof *ifs);
  const struct rtattr *a = (const void *) ((const char *) ifs + NLMSG_ALIGN (sizeof *ifs));

  for (; len > 0 && RTA_OK (a, len); a = RTA_NEXT (a, len))
    {
      struct rtnl_link_stats64 s = { 0 };
      size_t n = RTA_PAYLOAD (a) < sizeof s ? RTA_PAYLOAD (a) : sizeof s;
      if (a->rta_type != IFLA_STATS_LINK_64)
        continue;
      memcpy (&s, RTA_DATA (a), n);
      if (sh->nlinks == sh->links_cap)
        {
          size_t cap = sh->links_cap ? sh->links_cap * 2 : 256;
          stats_link_t *p = realloc (sh->links, cap * sizeof *p);
          if (p == NULL)
            return -ENOMEM;
          sh->links = p;
          sh->links_cap = cap;
        }
      sh->links[sh->nlinks++] = (stats_link_t) { ifs->ifindex, s.rx_bytes, s.rx_packets, s.tx_bytes, s.tx_packets };
    }
  return 0;
}

/* Every RTM_NEWSTATS in one recv'd buffer; 1 at the dump's end, < 0 on error.  */
static int
take_replies (stats_shared_t *sh, const char *buf, ssize_t n, uint32_t seq_lo, uint32_t seq_hi, bool dump)
{
  for (const struct nlmsghdr *h = (const void *) buf; NLMSG_OK (h, (size_t) n); h = NLMSG_NEXT (h, n))
    {
      if (h->nlmsg_seq < seq_lo || h->nlmsg_seq > seq_hi)
        continue; /* a reply to an earlier, abandoned request */
      if (h->nlmsg_type == NLMSG_DONE)
        return 1;
      /* One link's request refused (it is gone): that CT has no counters.  */
      if (h->nlmsg_type == NLMSG_ERROR && !dump)
        continue;
      if (h->nlmsg_type == NLMSG_ERROR)
        return -EIO;
      if (h->nlmsg_type == RTM_NEWSTATS && add_link (sh, h) < 0)
        return -ENOMEM;
    }
  return 0;
}

static void
stats_request (void *p, uint32_t seq, int ifindex, bool dump)
{
  struct
  {
    struct nlmsghdr nh;
    struct if_stats_msg ifs;
  } req = { 0 };
  req.nh.nlmsg_len = sizeof req;
  req.nh.nlmsg_type = RTM_GETSTATS;
  req.nh.nlmsg_flags = NLM_F_REQUEST | (dump ? NLM_F_DUMP : 0);
  req.nh.nlmsg_seq = seq;
  req.ifs.family = AF_UNSPEC;
  req.ifs.ifindex = ifindex;
  req.ifs.filter_mask = IFLA_STATS_FILTER_BIT (IFLA_STATS_LINK_64);
  memcpy (p, &req, sizeof req);
}

#define REQ_SIZE NLMSG_ALIGN (NLMSG_LENGTH (sizeof (struct if_stats_msg)))

/* One RTM_GETSTATS dump with only the 64-bit counters: every link of the
   node in a few recv calls (reading four sysfs files per veth costs four
   reads, and four dev_get_stats, per CT).  */
static int
dump_links (stats_shared_t *sh)
{
  static char buf[1 << 16];
  char req[REQ_SIZE];
  uint32_t seq = ++sh->nl_seq;

  stats_request (req, seq, 0, true);
  if (send (sh->nl_fd, req, sizeof req, 0) != (ssize_t) sizeof req)
    return -errno;
  for (;;)
    {
      ssize_t n = recv (sh->nl_fd, buf, sizeof buf, 0);
      int r;
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return n < 0 ? -errno : -EIO;
      if ((r = take_replies (sh, buf, n, seq, seq, true)) != 0)
        return r < 0 ? r : 0;
    }
}

/* The CTs' own links, GET_BATCH requests per send: what a node whose
   links are mostly not CTs' pays instead of a dump of all of them.  The
   kernel answers while handling the send, so every reply is queued when
   send returns.  */
static int
get_links (stats_shared_t *sh, stats_cache_t *const *caches, size_t n)
{
  static char req[GET_BATCH * REQ_SIZE], buf[GET_BATCH][512];
  struct mmsghdr mm[GET_BATCH];
  struct iovec iov[GET_BATCH];
  size_t i = 0;

  while (i < n)
    {
      size_t m = 0;
      uint32_t lo = sh->nl_seq + 1;
      for (; i < n && m < GET_BATCH; i++)
        if (caches[i] && caches[i]->ifindex > 0)
          stats_request (req + m++ * REQ_SIZE, ++sh->nl_seq, caches[i]->ifindex, false);
      if (m == 0)
        break;
      if (send (sh->nl_fd, req, m * REQ_SIZE, 0) < 0)
        return -errno;
      for (size_t left = m; left > 0;)
        {
          for (size_t k = 0; k < GET_BATCH; k++)
            {
              iov[k] = (struct iovec) { buf[k], sizeof buf[k] };
              mm[k].msg_hdr = (struct msghdr) { .msg_iov = &iov[k], .msg_iovlen = 1 };
            }
          int got = recvmmsg (sh->nl_fd, mm, (unsigned) left, MSG_DONTWAIT, NULL);
          if (got < 0 && errno == EINTR)
            continue;
          if (got <= 0)
            break; /* replies dropped (buffer full): those CTs miss one sample */
          for (int k = 0; k < got; k++)
            if (take_replies (sh, buf[k], (ssize_t) mm[k].msg_len, lo, sh->nl_seq, false) < 0)
              return -ENOMEM;
          left -= (size_t) got;
        }
    }
  sort_links (sh);
  return 0;
}

/* The host veth's index for each CT that has none yet; one without a
   veth (no address) is asked again every STATS_SLOW_EVERY samples, so
   `set --ipadd` on a running CT shows up.  */
static size_t
resolve_links (stats_shared_t *sh, const node_config_t *node, stats_cache_t *const *caches, size_t n)
{
  size_t with = 0;
  for (size_t i = 0; i < n; i++)
    {
      stats_cache_t *c = caches[i];
      if (c == NULL)
        continue;
      if (c->ifindex == 0 || (c->ifindex < 0 && (sh->sample + (unsigned) c->ctid) % STATS_SLOW_EVERY == 0))
        {
          struct ifreq ifr = { 0 };
          snprintf (ifr.ifr_name, sizeof ifr.ifr_name, "%s%d", node->veth_prefix, c->ctid);
          c->ifindex = sh->ifr_fd >= 0 && ioctl (sh->ifr_fd, SIOCGIFINDEX, &ifr) == 0 ? ifr.ifr_ifindex : -1;
        }
      with += c->ifindex > 0;
    }
  return with;
}

void
stats_shared_begin (stats_shared_t *sh, const node_config_t *node, stats_cache_t *const *caches, size_t n)
{
  struct epoll_event ev[256];
  struct sysinfo si;
  int got;

  sh->sample++;
  /* swapon can happen at any time; one call for the whole node.  */
  sh->host_swap = sysinfo (&si) != 0 || si.totalswap > 0;
  if (sh->epfd >= 0)
    do
      {
        got = epoll_wait (sh->epfd, ev, 256, 0);
        for (int i = 0; i < got; i++)
          {
            stats_cache_t *c = ev[i].data.ptr;
            uint64_t count;
            if (c->oom_efd >= 0)
              (void) !read (c->oom_efd, &count, sizeof count);
            c->hot = HOT_SAMPLES;
          }
      }
    while (got == 256);

  size_t with = resolve_links (sh, node, caches, n);
  sh->nlinks = 0;
  /* No CT has a veth: an empty table answers every CT.  */
  sh->links_ok = sh->nl_fd >= 0 && with == 0;
  if (sh->nl_fd < 0 || with == 0)
    return;
  /* A dump costs per link on the node, a request per CT link about three
     times that: dump while most links are the CTs'.  */
  if (sh->dumped_at == 0 || sh->sample - sh->dumped_at >= RECOUNT_EVERY || sh->node_links <= 3 * with + 16)
    {
      sh->links_ok = dump_links (sh) == 0;
      if (!sh->links_ok)
        return;
      sh->node_links = sh->nlinks;
      sh->dumped_at = sh->sample;
      sort_links (sh);
    }
  else
    sh->links_ok = get_links (sh, caches, n) == 0;
}

const stats_link_t *
stats_shared_link (const stats_shared_t *sh, int ifindex, size_t *hint)
{
  size_t lo = 0, hi = sh->nlinks;

  if (*hint < sh->nlinks && sh->links[*hint].ifindex == ifindex)
    return &sh->links[*hint];
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      if (sh->links[mid].ifindex < ifindex)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < sh->nlinks && sh->links[lo].ifindex == ifindex)
    {
      *hint = lo;
      return &sh->links[lo];
    }
  return NULL;
}
