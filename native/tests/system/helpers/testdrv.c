/* Test driver for the system tests: calls the template and network library
   API directly, the way the runtime does, so they can be tested without a
   running CT.  Built by the test scripts (not part of corralctl).
     testdrv extract NAME DEST SHIFT
     testdrv ctfiles ROOTFS HOSTNAME GATEWAY PREFIX IP[,IP..] [NS[,NS..]]
     testdrv passwd ROOTFS USER PASSWORD
     testdrv net-up|net-set CTID PID IP[,IP..]
     testdrv net-down CTID
     testdrv node-down
     testdrv in-subnet IP          (exit 0 if inside)
   The node config comes from $CORRAL_ROOT as for corralctl.  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "net.h"
#include "node-config.h"
#include "template.h"

static size_t
split (char *s, const char **v, size_t max)
{
  size_t n = 0;
  for (char *t = strtok (s, ","); t && n < max; t = strtok (NULL, ","))
    v[n++] = t;
  return n;
}

int
main (int argc, char **argv)
{
  node_config_t node;
  corral_error_t err;
  const char *ips[32], *ns[8];
  int ret = -1;

  if (argc < 2)
    return 20;
  if (node_config_load (&node, NULL, &err) < 0)
    goto fail;
  const char *cmd = argv[1];
  if (strcmp (cmd, "extract") == 0 && argc == 5)
    ret = template_extract (&node, argv[2], argv[3], atoi (argv[4]), atoi (argv[4]), &err);
  else if (strcmp (cmd, "ctfiles") == 0 && (argc == 7 || argc == 8))
    {
      size_t n = split (argv[6], ips, 32), m = argc == 8 ? split (argv[7], ns, 8) : 0;
      ret = template_write_ct_files (argv[2], argv[3], ips, n, argv[4], atoi (argv[5]), ns, m, &err);
    }
  else if (strcmp (cmd, "passwd") == 0 && argc == 5)
    ret = template_set_password (argv[2], argv[3], argv[4], &err);
  else if ((strcmp (cmd, "net-up") == 0 || strcmp (cmd, "net-set") == 0) && argc == 5)
    {
      size_t n = split (argv[4], ips, 32);
      ret = (cmd[4] == 'u' ? net_ct_up : net_ct_set_ips) (&node, atoi (argv[2]), atoi (argv[3]), ips, n, &err);
    }
  else if (strcmp (cmd, "net-down") == 0 && argc == 3)
    ret = net_ct_down (&node, atoi (argv[2]), &err);
  else if (strcmp (cmd, "node-down") == 0 && argc == 2)
    ret = net_node_down (&node, &err);
  else if (strcmp (cmd, "in-subnet") == 0 && argc == 3)
    return net_ip_in_subnet (&node, argv[2]) ? 0 : 1;
  else
    {
      fprintf (stderr, "testdrv: bad usage\n");
      return 20;
    }
  if (ret == 0)
    return 0;
fail:
  corral_error_print (&err);
  return err.exit_code;
}
