#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tap.h"
#include "ct-config.h"
#include "kvfile.h"
#include "node-config.h"

static int
count_key (void *data, const char *key, const char *value, corral_error_t *err)
{
  (void) err;
  if (strcmp (key, "HOSTNAME") == 0 && strcmp (value, "web1") == 0)
    ++*(int *) data;
  return 0;
}

int
main (void)
{
  char dir[] = "/tmp/corral-unit.XXXXXX", path[512], cmd[600];
  node_config_t node;
  ct_config_t ct, back;
  corral_error_t err;
  uint32_t base;
  FILE *f;
  int seen = 0;

  if (mkdtemp (dir) == NULL)
    return 77;
  snprintf (path, sizeof path, "%s/node.conf", dir);
  f = fopen (path, "w");
  fprintf (f, "# test node\nBRIDGE=tbr9\nSUBNET=\"10.9.8.0/24\"\nIDMAP_BASE=1000000\nIDMAP_SIZE=65536\n");
  fclose (f);
  ok (node_config_load (&node, dir, &err) == 0, "node_config_load reads node.conf");
  ok (strcmp (node.bridge, "tbr9") == 0 && strcmp (node.gateway, "10.9.8.1") == 0, "bridge set, gateway derived: %s",
      node.gateway);
  ok (strcmp (node.cgroup_parent, "corral") == 0 && node.stop_timeout == 60 && node.image_dio_delay == 30,
      "defaults for unset keys");

  ct_config_init (&ct, 101);
  strcpy (ct.hostname, "web1");
  strcpy (ct.ostemplate, "busybox");
  ok (ct_config_add_ip (&ct, "10.9.8.10", &err) == 0 && ct_config_add_ip (&ct, "10.9.8.11", &err) == 0,
      "add two IPs");
  ok (ct_config_add_ip (&ct, "10.9.8.10", &err) == 0 && ct.n_ips == 2, "adding an IP twice keeps one");
  ok (ct_config_add_ip (&ct, "10.9.8", &err) < 0 && err.exit_code == EXIT_BADVALUE, "malformed IP refused");
  ct.ram = 512ull << 20;
  ok (ct_config_save (&node, &ct, &err) == 0, "ct_config_save");
  ok (ct_config_load (&node, 101, &back, &err) == 0, "ct_config_load");
  ok (back.n_ips == 2 && strcmp (back.ips[1], "10.9.8.11") == 0 && back.ram == 512ull << 20
      && strcmp (back.hostname, "web1") == 0, "round trip keeps IPs, RAM and hostname");
  ct_config_path (&node, 101, path, sizeof path);
  ok (kvfile_read (path, count_key, &seen, &err) == 0 && seen == 1, "file is KEY=\"value\" (HOSTNAME=\"web1\")");
  ok (ct_config_load (&node, 102, &back, &err) < 0 && err.exit_code == EXIT_NOTFOUND, "missing CT is exit 2");

  ok (ct_config_check_ip (&node, 102, "10.9.8.10", &err) < 0 && strcmp (err.code, "ip_in_use") == 0,
      "IP of CT 101 refused for CT 102");
  ok (ct_config_check_ip (&node, 101, "10.9.8.10", &err) == 0, "a CT may keep its own IP");
  ok (ct_config_check_ip (&node, 102, "10.9.9.10", &err) < 0, "IP outside the subnet refused");
  ok (ct_config_check_ip (&node, 102, "10.9.8.1", &err) < 0, "the gateway refused");
  ok (ct_config_check_ip (&node, 102, "10.9.8.0", &err) < 0, "the network address refused");
  ok (ct_config_check_ip (&node, 102, "10.9.8.12", &err) == 0, "a free address accepted");

  ok (ct_config_id_base (&node, 101, &base, &err) == 0 && base == 1000000 + 101 * 65536, "ID base for CT 101");
  ok (ct_config_id_base (&node, 2147483644, &base, &err) < 0 && err.exit_code == EXIT_BADVALUE,
      "ID range past 2^32 refused");

  ok (ct_config_del_ip (&ct, "10.9.8.10") && ct.n_ips == 1 && strcmp (ct.ips[0], "10.9.8.11") == 0, "del IP");

  snprintf (path, sizeof path, "%s/node.conf", dir);
  f = fopen (path, "w");
  fprintf (f, "CGROUP_PARENT=../escape\n");
  fclose (f);
  ok (node_config_load (&node, dir, &err) < 0 && strstr (err.message, "../escape"), "CGROUP_PARENT with .. refused");

  f = fopen (path, "w");
  fprintf (f, "IMAGE_DIRECT_IO_DELAY=0\n");
  fclose (f);
  ok (node_config_load (&node, dir, &err) == 0 && node.image_dio_delay == 0, "IMAGE_DIRECT_IO_DELAY=0 read");
  f = fopen (path, "w");
  fprintf (f, "IMAGE_DIRECT_IO_DELAY=soon\n");
  fclose (f);
  ok (node_config_load (&node, dir, &err) < 0 && strstr (err.message, "IMAGE_DIRECT_IO_DELAY")
      && strstr (err.message, "soon"), "IMAGE_DIRECT_IO_DELAY=soon refused, naming key and value: %s", err.message);

  snprintf (cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system (cmd) != 0)
    return 1;
  return tap_done ();
}
