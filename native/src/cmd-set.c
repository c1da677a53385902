/* set CTID [--ipadd IP]... [--ipdel IP|all]... [--hostname H]
   [--nameserver IP]... [--searchdomain D]... [--userpasswd USER:PASS] plus the resource options
   of set-limits.c [--save] [--setmode restart|ignore].  The options above
   are always saved; resource options are applied live and saved only with
   --save, as in vzctl.  */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd-util.h"
#include "ct-config.h"
#include "ct-setup.h"
#include "isolation.h"
#include "lifecycle.h"
#include "lock.h"
#include "parse.h"
#include "set-limits.h"
#include "storage.h"

#include "net.h"

/* sethostname() in the CT's UTS namespace (ns_run_in_ct).  */
static int
hostname_in_ct (void *arg, corral_error_t *err)
{
  const char *name = arg;
  if (sethostname (name, strlen (name)) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "set hostname `%s` in the CT", name);
  return 0;
}

/* One line "USER:PASS" from stdin, without its newline.  */
static int
read_userpasswd_stdin (char *buf, size_t size, corral_error_t *err)
{
  if (fgets (buf, (int) size, stdin) == NULL)
    return corral_error (err, EXIT_BADVALUE, 0, "--userpasswd -: expected `user:password` on stdin");
  buf[strcspn (buf, "\r\n")] = '\0';
  return 0;
}

int
cmd_set (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  static const struct option opts[] = {
    { "ipadd", required_argument, NULL, 'i' }, { "ipdel", required_argument, NULL, 'I' },
    { "hostname", required_argument, NULL, 'h' }, { "nameserver", required_argument, NULL, 'n' },
    { "userpasswd", required_argument, NULL, 'p' }, { "save", no_argument, NULL, 's' },
    { "searchdomain", required_argument, NULL, 'D' },
    { "wait", no_argument, NULL, 'w' }, SET_LIMITS_OPTIONS, { NULL, 0, NULL, 0 },
  };
  const char *add[CT_MAX_IPS], *del[CT_MAX_IPS], *hostname = NULL, *passwd = NULL, *ns[CT_MAX_NS];
  const char *search[CT_MAX_SEARCH];
  char passwd_buf[512];
  size_t n_add = 0, n_del = 0, n_ns = 0, n_search = 0;
  bool wait = false, ips_changed = false;
  int ctid, c, lock, ret = -1;
  ct_config_t ct, orig;
  ct_state_t st;
  char tree[400];
  set_limits_t sl;
  bool save = false, restart = false, running, mounted_here = false, files;
  const storage_ops_t *so;
  const char *result = "saved";

  set_limits_init (&sl);

  while ((c = getopt_long (argc, argv, "", opts, NULL)) != -1)
    switch (c)
      {
      case 'i':
        if (n_add == CT_MAX_IPS)
          return corral_error (err, EXIT_BADVALUE, 0, "--ipadd: at most %d addresses", CT_MAX_IPS);
        add[n_add++] = optarg;
        break;
      case 'I':
        if (n_del == CT_MAX_IPS)
          return corral_error (err, EXIT_BADVALUE, 0, "--ipdel: at most %d addresses", CT_MAX_IPS);
        del[n_del++] = optarg;
        break;
      case 'h':
        if (parse_hostname (optarg, err) < 0)
          return -1;
        hostname = optarg;
        break;
      case 'n':
        if (n_ns == CT_MAX_NS)
          return corral_error (err, EXIT_BADVALUE, 0, "--nameserver: at most %d", CT_MAX_NS);
        ns[n_ns++] = optarg;
        break;
      case 'D':
        if (n_search == CT_MAX_SEARCH)
          return corral_error (err, EXIT_BADVALUE, 0, "--searchdomain: at most %d", CT_MAX_SEARCH);
        search[n_search++] = optarg;
        break;
      case 'p':
        /* `--userpasswd -` reads USER:PASS from stdin, so a password never
           shows in the node's process list (argv is world-readable).  */
        if (strcmp (optarg, "-") == 0 && read_userpasswd_stdin (passwd_buf, sizeof passwd_buf, err) < 0)
          return -1;
        if (ct_setup_check_userpasswd (strcmp (optarg, "-") == 0 ? passwd_buf : optarg, err) < 0)
          return -1;
        passwd = strcmp (optarg, "-") == 0 ? passwd_buf : optarg;
        break;
      case 's': save = true; break;
      case 'w': wait = true; break;
      default:
        /* The resource options (set-limits.c); 0 = not one of them.  */
        c = set_limits_option (&sl, c, optarg, err);
        if (c < 0)
          return -1;
        if (c == 0)
          return cmd_bad_option (argv, err);
      }
  if (cmd_ctid_arg (argc, argv, &ctid, err) < 0 || cmd_no_more_args (argc, argv, err) < 0)
    return -1;
  lock = lock_ct (&ctx->node, ctid, wait, err);
  if (lock < 0)
    return -1;
  if (ct_config_load (&ctx->node, ctid, &ct, err) < 0)
    goto out;
  orig = ct;
  running = ct_state_running (&ctx->node, ctid, &st);
  if (set_limits_check_save (&sl, save, err) < 0
      || set_limits_merge (&sl, &ctx->node, &ct, running, &restart, err) < 0)
    goto out;
  /* Validate everything against a copy first: bad input changes nothing.  */
  for (size_t i = 0; i < n_del; i++)
    {
      if (strcmp (del[i], "all") == 0)
        ct.n_ips = 0;
      else if (parse_ipv4 (del[i], &(uint32_t) { 0 }, err) < 0)
        goto out;
      else
        ct_config_del_ip (&ct, del[i]);
      ips_changed = true;
    }
  for (size_t i = 0; i < n_add; i++)
    {
      if (ct_config_check_ip (&ctx->node, ctid, add[i], err) < 0 || ct_config_add_ip (&ct, add[i], err) < 0)
        goto out;
      ips_changed = true;
    }
  if (n_ns > 0)
    {
      ct.n_nameservers = 0;
      for (size_t i = 0; i < n_ns; i++)
        if (ct_config_add_nameserver (&ct, ns[i], err) < 0)
          goto out;
    }
  if (n_search > 0 && ct_config_set_searchdomains (&ct, search, n_search, err) < 0)
    goto out;
  if (hostname)
    snprintf (ct.hostname, sizeof ct.hostname, "%s", hostname);

  /* Limits first: a refused value (RAM below usage on v1, ...) leaves
     the config as it was.  */
  if (running && restart)
    {
      /* --setmode restart (implies --save): the new config, a stop, what
         needs the CT down (a disk shrink), and a start.  */
      pid_t pid;
      /* stop returns once init is gone; the disk is free only after the
         monitor released it.  */
      if (lifecycle_stop (&ctx->node, ctid, false, ctx->node.stop_timeout, err) < 0
          || ct_state_wait_monitor (&ctx->node, ctid, err) < 0)
        goto out;
      if (set_limits_apply_stopped (&sl, &ctx->node, &ct, err) < 0)
        {
          /* Back up on the old config, so a refused value leaves the CT as it was.  */
          lifecycle_start (&ctx->node, &orig, lock, false, &pid, &(corral_error_t) { 0 });
          goto out;
        }
      if (ct_config_save (&ctx->node, &ct, err) < 0 || lifecycle_start (&ctx->node, &ct, lock, false, &pid, err) < 0)
        goto out;
      running = ct_state_running (&ctx->node, ctid, &st);
    }
  else if (running && set_limits_apply_live (&sl, &ctx->node, &ct, &st, err) < 0)
    goto out;
  else if (!running && save && set_limits_apply_stopped (&sl, &ctx->node, &ct, err) < 0)
    goto out;
  if (set_limits_any (&sl) && !save)
    {
      set_limits_unsave (&ct, &orig);
      result = running ? "applied" : "unchanged";
    }
  /* Files inside the CT live in its tree, which for the image layout is
     only reachable while mounted.  */
  files = n_add || n_del || n_ns || n_search || hostname || passwd;
  so = storage_ops (ct.layout);
  if (files && so && !so->is_mounted (&ctx->node, ctid))
    {
      if (so->mount (&ctx->node, ctid, err) < 0)
        goto out;
      mounted_here = true;
    }
  if (files && so)
    so->tree_path (&ctx->node, ctid, tree, sizeof tree);
  if ((files && ct_setup_files (&ctx->node, &ct, tree, err) < 0)
      || (passwd && ct_setup_userpasswd (tree, passwd, err) < 0) || ct_config_save (&ctx->node, &ct, err) < 0)
    goto out;
  if (mounted_here)
    {
      mounted_here = false;
      if (so->umount (&ctx->node, ctid, err) < 0)
        goto out;
    }
  if (ct_state_running (&ctx->node, ctid, &st))
    {
      const char *ips[CT_MAX_IPS];
      for (size_t i = 0; i < ct.n_ips; i++)
        ips[i] = ct.ips[i];
      if (ips_changed && net_ct_set_ips (&ctx->node, ctid, st.init_pid, ips, ct.n_ips, err) < 0)
        goto out;
      if (hostname && ns_run_in_ct (&ctx->node, ctid, st.init_pid, hostname_in_ct, (void *) hostname, err) < 0)
        goto out;
    }
  ret = 0;

out:
  if (mounted_here)
    so->umount (&ctx->node, ctid, &(corral_error_t) { 0 });
  lock_release (lock);
  if (ret < 0)
    return corral_error_wrap (err, "set CT %d", ctid);
  if (strcmp (result, "saved") != 0)
    /* vzctl's warning; a notice, not an error, so the exit code stays 0.  */
    fprintf (stderr, "{\"warning\":{\"code\":\"not_saved\",\"message\":\"%s\"}}\n",
             running ? "settings were applied to the running CT but not saved to its config (use --save)"
                     : "the CT is stopped: nothing was applied and nothing saved (use --save)");
  cmd_done (ctx, ctid, result, strcmp (result, "saved") == 0 ? "saved" : result);
  return 0;
}
