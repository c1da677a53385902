/* A CT's elements in the node table's sets (nft.h), over nfnetlink: one
   transaction of a few set-element messages, no nft(8) process and no
   ruleset cache, so a CT start or stop pays microseconds for its rules.  */
#include "nft.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "ct-config.h"
#include "parse.h"

/* Keys as the kernel stores them: each part of a concatenation takes a
   multiple of 4 bytes, ifname the full IFNAMSIZ.  */
#define KEY_PORT IFNAMSIZ
#define KEY_MAC (IFNAMSIZ + 8)
#define KEY_IP4 (IFNAMSIZ + 4)
#define KEY_MAX KEY_MAC
#define MAX_MSGS 256

typedef struct batch_s
{
  char *buf;
  size_t len, cap;
  struct nlmsghdr *msg;  /* the message being built */
  uint32_t seq, first_seq;
  int n_msgs;            /* messages that ask for an ack */
  bool full;
} batch_t;

static void *
put (batch_t *b, size_t len)
{
  size_t need = NLMSG_ALIGN (len);
  if (b->full || b->len + need > b->cap)
    {
      b->full = true;
      return NULL;
    }
  void *p = b->buf + b->len;
  memset (p, 0, need);
  b->len += need;
  return p;
}

static void
msg_begin (batch_t *b, uint16_t type, uint16_t flags, uint16_t res_id)
{
  size_t off = b->len;
  struct nlmsghdr *h = put (b, NLMSG_HDRLEN);
  struct nfgenmsg *g = put (b, sizeof *g);
  if (h == NULL || g == NULL)
    {
      b->msg = NULL;
      return;
    }
  h->nlmsg_type = type;
  h->nlmsg_flags = NLM_F_REQUEST | flags;
  h->nlmsg_seq = b->seq++;
  g->nfgen_family = NFPROTO_BRIDGE;
  g->version = NFNETLINK_V0;
  g->res_id = htons (res_id);
  b->msg = (struct nlmsghdr *) (b->buf + off);
}

static void
msg_end (batch_t *b)
{
  if (b->msg && !b->full)
    b->msg->nlmsg_len = (uint32_t) (b->buf + b->len - (char *) b->msg);
}

static struct nlattr *
attr (batch_t *b, uint16_t type, const void *data, size_t len)
{
  struct nlattr *a = put (b, NLA_HDRLEN + len);
  if (a == NULL)
    return NULL;
  a->nla_type = type;
  a->nla_len = (uint16_t) (NLA_HDRLEN + len);
  if (len)
    memcpy ((char *) a + NLA_HDRLEN, data, len);
  return a;
}

static void
nest_end (batch_t *b, struct nlattr *a)
{
  if (a && !b->full)
    a->nla_len = (uint16_t) (b->buf + b->len - (char *) a);
}

/* One NEWSETELEM or DELSETELEM message for SET with N keys of LEN bytes.  */
static void
elems_msg (batch_t *b, int type, const char *table, const char *set, const uint8_t *keys, size_t len, size_t n)
{
  if (n == 0)
    return;
  msg_begin (b, (NFNL_SUBSYS_NFTABLES << 8) | type, NLM_F_ACK | (type == NFT_MSG_NEWSETELEM ? NLM_F_CREATE : 0), 0);
  attr (b, NFTA_SET_ELEM_LIST_TABLE, table, strlen (table) + 1);
  attr (b, NFTA_SET_ELEM_LIST_SET, set, strlen (set) + 1);
  struct nlattr *list = attr (b, NLA_F_NESTED | NFTA_SET_ELEM_LIST_ELEMENTS, NULL, 0);
  for (size_t i = 0; i < n; i++)
    {
      struct nlattr *el = attr (b, NLA_F_NESTED | NFTA_LIST_ELEM, NULL, 0);
      struct nlattr *key = attr (b, NLA_F_NESTED | NFTA_SET_ELEM_KEY, NULL, 0);
      attr (b, NFTA_DATA_VALUE, keys + i * len, len);
      nest_end (b, key);
      nest_end (b, el);
    }
  nest_end (b, list);
  msg_end (b);
  b->n_msgs++;
}

static int
nl_open (corral_error_t *err)
{
  int fd = socket (AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
  if (fd < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "open an nfnetlink socket");
  /* A lost reply must not hang a start.  */
  struct timeval tv = { 5, 0 };
  setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

/* Send the batch and read one reply per acked message; the first error
   wins (the kernel then aborts the whole transaction).  */
static int
batch_run (int fd, batch_t *b, corral_error_t *err)
{
  struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
  char buf[8192];
  int acks = 0;

  if (b->full)
    return corral_error (err, EXIT_BADVALUE, 0, "nftables batch too large");
  if (sendto (fd, b->buf, b->len, 0, (struct sockaddr *) &sa, sizeof sa) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "nfnetlink send");
  while (acks < b->n_msgs)
    {
      ssize_t n = recv (fd, buf, sizeof buf, 0);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return corral_error (err, EXIT_SYSTEM, errno, "nfnetlink receive");
      for (struct nlmsghdr *h = (struct nlmsghdr *) buf; NLMSG_OK (h, (size_t) n); h = NLMSG_NEXT (h, n))
        {
          if (h->nlmsg_type != NLMSG_ERROR || h->nlmsg_seq < b->first_seq || h->nlmsg_seq >= b->seq)
            continue;
          int e = -((struct nlmsgerr *) NLMSG_DATA (h))->error;
          if (e)
            return corral_error (err, EXIT_SYSTEM, e, "nftables transaction");
          acks++;
        }
    }
  return 0;
}

/* Sequence numbers keep rising across this process's batches, so a reply
   is never taken for a later batch's.  */
static uint32_t next_seq = 1;

static void
batch_init (batch_t *b, char *buf, size_t cap)
{
  *b = (batch_t) { .buf = buf, .cap = cap };
  b->seq = b->first_seq = next_seq;
  msg_begin (b, NFNL_MSG_BATCH_BEGIN, 0, NFNL_SUBSYS_NFTABLES);
  msg_end (b);
}

static void
batch_close (batch_t *b)
{
  msg_begin (b, NFNL_MSG_BATCH_END, 0, NFNL_SUBSYS_NFTABLES);
  msg_end (b);
  next_seq = b->seq;
}

/* Keys of SET that start with VETH (the port name), by a dump; KEYS holds
   up to MAX of LEN bytes each.  A missing table or set is -1 with ENOENT.  */
static int
dump_port_keys (int fd, const char *table, const char *set, const char *veth, size_t len, uint8_t *keys,
                size_t max, size_t *n, corral_error_t *err)
{
  char req[512], buf[32768];
  batch_t b = { .buf = req, .cap = sizeof req, .seq = 0x7fffffff };
  struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
  char port[IFNAMSIZ] = { 0 };

  *n = 0;
  strncpy (port, veth, IFNAMSIZ - 1);
  msg_begin (&b, (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_GETSETELEM, NLM_F_DUMP | NLM_F_ACK, 0);
  attr (&b, NFTA_SET_ELEM_LIST_TABLE, table, strlen (table) + 1);
  attr (&b, NFTA_SET_ELEM_LIST_SET, set, strlen (set) + 1);
  msg_end (&b);
  if (sendto (fd, req, b.len, 0, (struct sockaddr *) &sa, sizeof sa) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "nfnetlink send");
  for (;;)
    {
      ssize_t r = recv (fd, buf, sizeof buf, 0);
      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        return corral_error (err, EXIT_SYSTEM, errno, "nfnetlink receive");
      for (struct nlmsghdr *h = (struct nlmsghdr *) buf; NLMSG_OK (h, (size_t) r); h = NLMSG_NEXT (h, r))
        {
          if (h->nlmsg_seq != 0x7fffffff)
            continue;
          if (h->nlmsg_type == NLMSG_DONE)
            return 0;
          if (h->nlmsg_type == NLMSG_ERROR)
            {
              int e = -((struct nlmsgerr *) NLMSG_DATA (h))->error;
              if (e == 0)
                continue;
              return corral_error (err, EXIT_SYSTEM, e, "list set `%s`", set);
            }
          /* nfgenmsg, then LIST_TABLE, LIST_SET, LIST_ELEMENTS { ELEM { KEY { VALUE } } }.  */
          char *p = (char *) NLMSG_DATA (h) + NLMSG_ALIGN (sizeof (struct nfgenmsg));
          char *end = (char *) h + h->nlmsg_len;
          for (struct nlattr *a = (struct nlattr *) p; (char *) a + NLA_HDRLEN <= end && a->nla_len >= NLA_HDRLEN;
               a = (struct nlattr *) ((char *) a + NLA_ALIGN (a->nla_len)))
            {
              if ((a->nla_type & NLA_TYPE_MASK) != NFTA_SET_ELEM_LIST_ELEMENTS)
                continue;
              char *lend = (char *) a + a->nla_len;
              for (struct nlattr *el = (struct nlattr *) ((char *) a + NLA_HDRLEN);
                   (char *) el + NLA_HDRLEN <= lend && el->nla_len >= NLA_HDRLEN;
                   el = (struct nlattr *) ((char *) el + NLA_ALIGN (el->nla_len)))
                {
                  char *eend = (char *) el + el->nla_len;
                  for (struct nlattr *k = (struct nlattr *) ((char *) el + NLA_HDRLEN);
                       (char *) k + NLA_HDRLEN <= eend && k->nla_len >= NLA_HDRLEN;
                       k = (struct nlattr *) ((char *) k + NLA_ALIGN (k->nla_len)))
                    {
                      if ((k->nla_type & NLA_TYPE_MASK) != NFTA_SET_ELEM_KEY)
                        continue;
                      struct nlattr *v = (struct nlattr *) ((char *) k + NLA_HDRLEN);
                      if (k->nla_len < 2 * NLA_HDRLEN || (v->nla_type & NLA_TYPE_MASK) != NFTA_DATA_VALUE
                          || v->nla_len != NLA_HDRLEN + len)
                        continue;
                      const uint8_t *key = (const uint8_t *) v + NLA_HDRLEN;
                      if (memcmp (key, port, IFNAMSIZ) == 0 && *n < max)
                        memcpy (keys + (*n)++ * len, key, len);
                    }
                }
            }
        }
    }
}

static void
key_port (uint8_t *k, const char *veth)
{
  memset (k, 0, KEY_MAX);
  strncpy ((char *) k, veth, IFNAMSIZ - 1);
}

int
nft_elems_ct_set (const node_config_t *node, const char *veth, const uint8_t mac[6], const char *const *ips,
                  size_t n_ips, corral_error_t *err)
{
  char table[32], buf[16384];
  uint8_t port[KEY_PORT], macs[KEY_MAC], want[CT_MAX_IPS][KEY_IP4], have[MAX_MSGS][KEY_IP4], stale[MAX_MSGS][KEY_IP4];
  size_t n_have, n_stale = 0;
  batch_t b;
  int fd, ret;

  if (n_ips > CT_MAX_IPS)
    return corral_error (err, EXIT_BADVALUE, 0, "too many addresses");
  nft_table_name (node, table, sizeof table);
  for (size_t i = 0; i < n_ips; i++)
    {
      uint32_t a;
      uint8_t k[KEY_MAX];
      if (parse_ipv4 (ips[i], &a, err) < 0)
        return -1;
      key_port (k, veth);
      a = htonl (a);
      memcpy (k + IFNAMSIZ, &a, 4);
      memcpy (want[i], k, KEY_IP4);
    }
  {
    uint8_t k[KEY_MAX];
    key_port (k, veth);
    memcpy (port, k, KEY_PORT);
    memcpy (k + IFNAMSIZ, mac, 6);
    memcpy (macs, k, KEY_MAC);
  }
  if ((fd = nl_open (err)) < 0)
    return fd;
  /* The port's current addresses: the ones not wanted go in the same
     transaction as the new ones are added, so the set never holds both
     an address removed and one not yet added, nor neither.  */
  ret = dump_port_keys (fd, table, NFT_SET_IP4, veth, KEY_IP4, &have[0][0], MAX_MSGS, &n_have, err);
  if (ret < 0)
    goto out;
  for (size_t i = 0; i < n_have; i++)
    {
      bool keep = false;
      for (size_t j = 0; j < n_ips; j++)
        keep |= memcmp (have[i], want[j], KEY_IP4) == 0;
      if (!keep)
        memcpy (stale[n_stale++], have[i], KEY_IP4);
    }
  batch_init (&b, buf, sizeof buf);
  elems_msg (&b, NFT_MSG_DELSETELEM, table, NFT_SET_IP4, &stale[0][0], KEY_IP4, n_stale);
  elems_msg (&b, NFT_MSG_NEWSETELEM, table, NFT_SET_IP4, &want[0][0], KEY_IP4, n_ips);
  elems_msg (&b, NFT_MSG_NEWSETELEM, table, NFT_SET_MAC, macs, KEY_MAC, 1);
  /* The port last: until it is in the set the guard chain drops its frames.  */
  elems_msg (&b, NFT_MSG_NEWSETELEM, table, NFT_SET_PORT, port, KEY_PORT, 1);
  batch_close (&b);
  ret = batch_run (fd, &b, err);
out:
  close (fd);
  return ret;
}

int
nft_elems_ct_del (const node_config_t *node, const char *veth, corral_error_t *err)
{
  static const struct { const char *set; size_t len; } sets[] = {
    { NFT_SET_PORT, KEY_PORT }, { NFT_SET_MAC, KEY_MAC }, { NFT_SET_IP4, KEY_IP4 },
  };
  char table[32], buf[16384];
  uint8_t keys[3][MAX_MSGS][KEY_MAX];
  size_t n[3];
  batch_t b;
  int fd, ret = 0;

  nft_table_name (node, table, sizeof table);
  if ((fd = nl_open (err)) < 0)
    return fd;
  /* No table (node down) or no such set: nothing of the CT's is left there.  */
  for (size_t i = 0; i < 3 && ret == 0; i++)
    {
      ret = dump_port_keys (fd, table, sets[i].set, veth, sets[i].len, &keys[i][0][0], MAX_MSGS, &n[i], err);
      if (ret < 0 && err->errnum == ENOENT)
        {
          n[i] = 0;
          ret = 0;
        }
    }
  if (ret == 0)
    {
      batch_init (&b, buf, sizeof buf);
      /* The port first: its frames are dropped from here on.  */
      for (size_t i = 0; i < 3; i++)
        {
          uint8_t flat[MAX_MSGS * KEY_MAX];
          for (size_t j = 0; j < n[i]; j++)
            memcpy (flat + j * sets[i].len, keys[i][j], sets[i].len);
          elems_msg (&b, NFT_MSG_DELSETELEM, table, sets[i].set, flat, sets[i].len, n[i]);
        }
      batch_close (&b);
      if (b.n_msgs)
        ret = batch_run (fd, &b, err);
    }
  close (fd);
  return ret;
}
