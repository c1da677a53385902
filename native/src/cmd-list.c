/* list [-a] [-o FIELDS] [-H] [-j]: vzlist.  Default: running CTs, columns
   CTID NPROC STATUS IP_ADDR HOSTNAME.  */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup.h"
#include "cmd-util.h"
#include "ct-config.h"
#include "json.h"
#include "storage.h"

typedef struct row_s
{
  ct_config_t ct;
  ct_state_t st;
  bool running, mounted, frozen;
  long nproc;
} row_t;

typedef struct field_s
{
  const char *name, *header, *fmt;
} field_t;

static const field_t fields[] = {
  { "ctid", "CTID", "%10s" },       { "numproc", "NPROC", "%10s" },   { "status", "STATUS", "%-9s" },
  { "ip", "IP_ADDR", "%-15s" },     { "hostname", "HOSTNAME", "%-32s" }, { "name", "NAME", "%-10s" },
  { "ostemplate", "OSTEMPLATE", "%-12s" }, { "description", "DESCRIPTION", "%-16s" },
  { "onboot", "ONBOOT", "%-6s" },   { "disabled", "DISABLED", "%-8s" }, { "layout", "LAYOUT", "%-6s" },
  { "ram", "RAM", "%12s" },         { "swap", "SWAP", "%12s" },       { "diskspace", "DISKSPACE", "%12s" },
  { "stop_reason", "STOP_REASON", "%-12s" },
  /* Run-time facts of `status -j`, so a watcher needs one exec for all CTs.  */
  { "suspended", "SUSPENDED", "%-9s" }, { "init_pid", "INIT_PID", "%10s" },
  { "started", "STARTED", "%10s" }, { "reboots", "REBOOTS", "%7s" },
};

static const field_t *
field_find (const char *name)
{
  if (strcmp (name, "veid") == 0 || strcmp (name, "vpsid") == 0)
    name = "ctid";
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
    if (strcmp (fields[i].name, name) == 0)
      return &fields[i];
  return NULL;
}

static const char *
row_status (const row_t *r)
{
  return r->running ? "running" : r->mounted ? "mounted" : "stopped";
}

static void
field_text (const row_t *r, const char *name, char *buf, size_t size)
{
  buf[0] = '\0';
  if (strcmp (name, "ctid") == 0)
    snprintf (buf, size, "%d", r->ct.ctid);
  else if (strcmp (name, "numproc") == 0)
    snprintf (buf, size, r->running ? "%ld" : "-", r->nproc);
  else if (strcmp (name, "status") == 0)
    snprintf (buf, size, "%s", row_status (r));
  else if (strcmp (name, "ip") == 0)
    for (size_t i = 0, len = 0; i < r->ct.n_ips && len < size; i++)
      len += (size_t) snprintf (buf + len, size - len, "%s%s", i ? " " : "", r->ct.ips[i]);
  else if (strcmp (name, "hostname") == 0)
    snprintf (buf, size, "%s", r->ct.hostname);
  else if (strcmp (name, "name") == 0)
    snprintf (buf, size, "%s", r->ct.name);
  else if (strcmp (name, "ostemplate") == 0)
    snprintf (buf, size, "%s", r->ct.ostemplate);
  else if (strcmp (name, "description") == 0)
    snprintf (buf, size, "%s", r->ct.description);
  else if (strcmp (name, "onboot") == 0)
    snprintf (buf, size, "%s", r->ct.onboot ? "yes" : "no");
  else if (strcmp (name, "disabled") == 0)
    snprintf (buf, size, "%s", r->ct.disabled ? "yes" : "no");
  else if (strcmp (name, "layout") == 0)
    snprintf (buf, size, "%s", r->ct.layout);
  else if (strcmp (name, "ram") == 0 && r->ct.ram)
    snprintf (buf, size, "%llu", (unsigned long long) r->ct.ram);
  else if (strcmp (name, "swap") == 0 && r->ct.swap)
    snprintf (buf, size, "%llu", (unsigned long long) r->ct.swap);
  else if (strcmp (name, "diskspace") == 0 && r->ct.diskspace)
    snprintf (buf, size, "%llu", (unsigned long long) r->ct.diskspace);
  else if (strcmp (name, "stop_reason") == 0)
    snprintf (buf, size, "%s", r->running ? "" : r->st.reason);
  else if (strcmp (name, "suspended") == 0)
    snprintf (buf, size, "%s", r->frozen ? "yes" : "no");
  else if (strcmp (name, "init_pid") == 0 && r->running)
    snprintf (buf, size, "%d", (int) r->st.init_pid);
  else if (strcmp (name, "started") == 0 && r->running)
    snprintf (buf, size, "%lld", r->st.started);
  else if (strcmp (name, "reboots") == 0 && r->running)
    snprintf (buf, size, "%d", r->st.reboots);
  if (buf[0] == '\0')
    snprintf (buf, size, "-");
}

static void
field_json (json_writer_t *w, const row_t *r, const char *name)
{
  char buf[1024];

  if (strcmp (name, "ctid") == 0)
    json_int (w, name, r->ct.ctid);
  else if (strcmp (name, "numproc") == 0)
    r->running ? json_int (w, name, r->nproc) : json_null (w, name);
  else if (strcmp (name, "ip") == 0)
    {
      json_arr_begin (w, name);
      for (size_t i = 0; i < r->ct.n_ips; i++)
        json_str (w, NULL, r->ct.ips[i]);
      json_arr_end (w);
    }
  else if (strcmp (name, "onboot") == 0 || strcmp (name, "disabled") == 0)
    json_bool (w, name, name[0] == 'o' ? r->ct.onboot : r->ct.disabled);
  else if (strcmp (name, "suspended") == 0)
    json_bool (w, name, r->frozen);
  else if (strcmp (name, "init_pid") == 0 || strcmp (name, "reboots") == 0)
    r->running ? json_int (w, name, name[0] == 'i' ? r->st.init_pid : r->st.reboots) : json_null (w, name);
  else if (strcmp (name, "started") == 0)
    r->running ? json_int (w, name, r->st.started) : json_null (w, name);
  else if (strcmp (name, "ram") == 0 || strcmp (name, "swap") == 0 || strcmp (name, "diskspace") == 0)
    {
      uint64_t v = name[0] == 'r' ? r->ct.ram : name[0] == 's' ? r->ct.swap : r->ct.diskspace;
      v ? json_uint (w, name, v) : json_null (w, name);
    }
  else
    {
      field_text (r, name, buf, sizeof buf);
      json_str (w, name, strcmp (buf, "-") == 0 ? NULL : buf);
    }
}

static int
row_cmp (const void *a, const void *b)
{
  return ((const row_t *) a)->ct.ctid - ((const row_t *) b)->ct.ctid;
}

static int
rows_load (corral_ctx_t *ctx, bool all, row_t **out, size_t *n, corral_error_t *err)
{
  DIR *d = opendir (ctx->node.conf_dir);
  struct dirent *de;
  size_t cap = 0;

  *out = NULL;
  *n = 0;
  if (d == NULL)
    return corral_error (err, EXIT_SYSTEM, 0, "open `%s`", ctx->node.conf_dir);
  while ((de = readdir (d)))
    {
      char *end;
      long id = strtol (de->d_name, &end, 10);
      row_t r = { 0 };
      corral_error_t ignored;
      cgroup_t cg;

      if (end == de->d_name || strcmp (end, ".conf") != 0 || ct_config_load (&ctx->node, (int) id, &r.ct, &ignored) < 0)
        continue;
      r.running = ct_state_running (&ctx->node, (int) id, &r.st);
      if (!all && !r.running)
        continue;
      if (r.running)
        {
          char frozen[400];
          ct_state_path (&ctx->node, (int) id, "frozen", frozen, sizeof frozen);
          r.frozen = access (frozen, F_OK) == 0;
        }
      if (storage_ops (r.ct.layout))
        r.mounted = storage_ops (r.ct.layout)->is_mounted (&ctx->node, (int) id);
      if (r.running && cgroup_open_ct (&ctx->node, (int) id, &cg, &ignored) == 0)
        {
          pid_t *pids;
          size_t np;
          if (cg.ops->pids (&cg, &pids, &np, &ignored) == 0)
            {
              r.nproc = (long) np;
              free (pids);
            }
        }
      if (*n == cap)
        {
          row_t *p = realloc (*out, (cap = cap ? cap * 2 : 16) * sizeof *p);
          if (p == NULL)
            {
              closedir (d);
              return corral_error (err, EXIT_SYSTEM, 12, "list CTs");
            }
          *out = p;
        }
      (*out)[(*n)++] = r;
    }
  closedir (d);
  qsort (*out, *n, sizeof **out, row_cmp);
  return 0;
}

int
cmd_list (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  static const struct option opts[] = {
    { "all", no_argument, NULL, 'a' }, { "output", required_argument, NULL, 'o' },
    { "no-header", no_argument, NULL, 'H' }, { "json", no_argument, NULL, 'j' }, { NULL, 0, NULL, 0 },
  };
  bool all = false, header = true;
  char spec[512] = "ctid,numproc,status,ip,hostname";
  const field_t *sel[32];
  size_t nsel = 0;
  row_t *rows;
  size_t n;
  int c;

  while ((c = getopt_long (argc, argv, "ao:Hj", opts, NULL)) != -1)
    switch (c)
      {
      case 'a': all = true; break;
      case 'H': header = false; break;
      case 'j': ctx->json = true; break;
      case 'o': snprintf (spec, sizeof spec, "%s", optarg); break;
      default: return cmd_bad_option (argv, err);
      }
  if (cmd_no_more_args (argc, argv, err) < 0)
    return -1;
  if (ctx->json && strcmp (spec, "ctid,numproc,status,ip,hostname") == 0)
    snprintf (spec, sizeof spec, "ctid,numproc,status,ip,hostname,name,ostemplate,description,onboot,disabled,layout,ram,swap,diskspace,stop_reason,suspended,init_pid,started,reboots");
  for (char *save = NULL, *tok = strtok_r (spec, ",", &save); tok; tok = strtok_r (NULL, ",", &save))
    {
      if (nsel == 32)
        return corral_error (err, EXIT_BADVALUE, 0, "-o: too many fields");
      if ((sel[nsel++] = field_find (tok)) == NULL)
        return corral_error (err, EXIT_BADVALUE, 0, "-o: unknown field `%s`", tok);
    }
  if (rows_load (ctx, all, &rows, &n, err) < 0)
    return -1;
  if (ctx->json)
    {
      json_writer_t w;
      json_init (&w, stdout);
      json_arr_begin (&w, NULL);
      for (size_t i = 0; i < n; i++)
        {
          json_obj_begin (&w, NULL);
          for (size_t f = 0; f < nsel; f++)
            field_json (&w, &rows[i], sel[f]->name);
          json_obj_end (&w);
        }
      json_arr_end (&w);
      fputc ('\n', stdout);
    }
  else
    {
      char line[4096], cell[1024];
      for (size_t i = 0; i <= n; i++)
        {
          size_t len = 0;
          if (i == 0 && !header)
            continue;
          for (size_t f = 0; f < nsel; f++)
            {
              if (i == 0)
                snprintf (cell, sizeof cell, "%s", sel[f]->header);
              else
                field_text (&rows[i - 1], sel[f]->name, cell, sizeof cell);
              len += (size_t) snprintf (line + len, sizeof line - len, "%s", f ? " " : "");
              len += (size_t) snprintf (line + len, sizeof line - len, sel[f]->fmt, cell);
              if (len >= sizeof line)
                len = sizeof line - 1;
            }
          while (len > 0 && line[len - 1] == ' ')
            line[--len] = '\0';
          puts (line);
        }
    }
  free (rows);
  return 0;
}
