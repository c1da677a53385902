/* status CTID: vzctl's "CTID 101 exist mounted running" line, or JSON.  */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd-util.h"
#include "ct-config.h"
#include "json.h"
#include "storage.h"

int
cmd_status (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  int ctid;
  ct_config_t ct;
  ct_state_t st;
  bool exist, mounted = false, running, frozen;
  char path[400];

  optind = 1;
  if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0')
    return corral_error (err, EXIT_BADARG, 0, "status: unknown option `%s`", argv[1]);
  if (cmd_ctid_arg (argc, argv, &ctid, err) < 0 || cmd_no_more_args (argc, argv, err) < 0)
    return -1;
  exist = ct_config_load (&ctx->node, ctid, &ct, err) == 0;
  if (exist && storage_ops (ct.layout))
    mounted = storage_ops (ct.layout)->is_mounted (&ctx->node, ctid);
  running = ct_state_running (&ctx->node, ctid, &st);
  ct_state_path (&ctx->node, ctid, "frozen", path, sizeof path);
  frozen = running && access (path, F_OK) == 0;
  if (ctx->json)
    {
      json_writer_t w;
      json_init (&w, stdout);
      json_obj_begin (&w, NULL);
      json_int (&w, "ctid", ctid);
      json_bool (&w, "exist", exist);
      json_bool (&w, "mounted", mounted);
      json_bool (&w, "running", running);
      json_bool (&w, "suspended", frozen);
      /* "stopping": the CT is dead, its monitor still releasing resources.  */
      json_str (&w, "status", frozen ? "suspended" : running ? "running"
                                : strcmp (st.state, "stopping") == 0 || strcmp (st.state, "running") == 0
                                    || strcmp (st.state, "rebooting") == 0 ? "stopping"
                                : mounted ? "mounted" : exist ? "stopped" : "deleted");
      if (running)
        {
          json_int (&w, "init_pid", st.init_pid);
          json_int (&w, "monitor_pid", st.monitor_pid);
          json_int (&w, "started", st.started);
          json_int (&w, "reboots", st.reboots);
        }
      json_str (&w, "stop_reason", st.reason[0] ? st.reason : NULL);
      json_obj_end (&w);
      fputc ('\n', stdout);
    }
  else
    printf ("CTID %d %s %s %s%s\n", ctid, exist ? "exist" : "deleted", mounted ? "mounted" : "unmounted",
            running ? "running" : "down", frozen ? " suspended" : "");
  return 0;
}
