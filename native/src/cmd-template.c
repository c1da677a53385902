/* corralctl template list | build busybox|debian-12 | import FILE NAME | remove NAME  */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "json.h"
#include "template.h"

#define USAGE "template list | build busybox|debian-12 | import FILE NAME | remove NAME"

/* The CLI progress rule: progress goes to stderr, never stdout (which may be
   JSON); on a terminal one line is redrawn, otherwise one line per step.  */
typedef struct progress_s
{
  bool tty;
  const char *what;
  time_t start;
  bool drawn;
} progress_t;

static void
progress_line (const char *line, void *data)
{
  progress_t *p = data;
  long secs = (long) (time (NULL) - p->start);
  if (p->tty)
    fprintf (stderr, "\r\033[K%s: %s [%lds]", p->what, line, secs);
  else
    fprintf (stderr, "%s: %s [%lds]\n", p->what, line, secs);
  p->drawn = true;
  fflush (stderr);
}

static void
progress_done (progress_t *p)
{
  if (p->tty && p->drawn)
    fputs ("\r\033[K", stderr);
}

static void
print_info (corral_ctx_t *ctx, const template_info_t *t, const char *verb)
{
  if (ctx->json)
    {
      json_writer_t w;
      json_init (&w, stdout);
      json_obj_begin (&w, NULL);
      json_obj_begin (&w, "template");
      json_str (&w, "name", t->name);
      json_str (&w, "os", t->os);
      json_str (&w, "init", t->init);
      json_str (&w, "format", t->format);
      json_uint (&w, "size", t->size);
      json_int (&w, "created", t->created);
      json_str (&w, "path", t->path);
      json_obj_end (&w);
      json_obj_end (&w);
      putchar ('\n');
    }
  else if (!ctx->quiet)
    printf ("template %s %s (%s, init %s, %.1f MiB)\n", t->name, verb, t->os, t->init, t->size / 1048576.0);
}

static int
do_list (corral_ctx_t *ctx, corral_error_t *err)
{
  template_info_t *v;
  size_t n;
  int ret = template_list (&ctx->node, &v, &n, err);
  if (ret < 0)
    return ret;
  if (ctx->json)
    {
      json_writer_t w;
      json_init (&w, stdout);
      json_obj_begin (&w, NULL);
      json_arr_begin (&w, "templates");
      for (size_t i = 0; i < n; i++)
        {
          json_obj_begin (&w, NULL);
          json_str (&w, "name", v[i].name);
          json_str (&w, "os", v[i].os);
          json_str (&w, "init", v[i].init);
          json_str (&w, "format", v[i].format);
          json_uint (&w, "size", v[i].size);
          json_int (&w, "created", v[i].created);
          json_obj_end (&w);
        }
      json_arr_end (&w);
      json_obj_end (&w);
      putchar ('\n');
    }
  else
    {
      printf ("%-24s %-10s %-9s %-6s %10s  %s\n", "NAME", "OS", "INIT", "FORMAT", "SIZE", "CREATED");
      for (size_t i = 0; i < n; i++)
        {
          char when[32];
          time_t t = v[i].created;
          strftime (when, sizeof when, "%Y-%m-%d %H:%M", gmtime (&t));
          printf ("%-24s %-10s %-9s %-6s %9.1fM  %s\n", v[i].name, v[i].os, v[i].init, v[i].format,
                  v[i].size / 1048576.0, when);
        }
    }
  free (v);
  return 0;
}

int
cmd_template (corral_ctx_t *ctx, int argc, char **argv, corral_error_t *err)
{
  template_info_t info;
  int ret;

  if (argc < 2)
    return corral_error (err, EXIT_BADARG, 0, "missing subcommand: usage `" USAGE "`");
  const char *sub = argv[1];
  if (strcmp (sub, "list") == 0 && argc == 2)
    return do_list (ctx, err);
  if (strcmp (sub, "build") == 0 && argc == 3)
    {
      char what[64];
      snprintf (what, sizeof what, "template build %s", argv[2]);
      progress_t p = { isatty (2), what, time (NULL), false };
      ret = template_build (&ctx->node, argv[2], ctx->quiet ? NULL : progress_line, &p, err);
      progress_done (&p);
      if (ret < 0 || (ret = template_info (&ctx->node, argv[2], &info, err)) < 0)
        return ret;
      print_info (ctx, &info, "built");
      return 0;
    }
  if (strcmp (sub, "import") == 0 && argc == 4)
    {
      if ((ret = template_import (&ctx->node, argv[2], argv[3], err)) < 0
          || (ret = template_info (&ctx->node, argv[3], &info, err)) < 0)
        return ret;
      print_info (ctx, &info, "imported");
      return 0;
    }
  if (strcmp (sub, "remove") == 0 && argc == 3)
    {
      if ((ret = template_remove (&ctx->node, argv[2], err)) < 0)
        return ret;
      if (ctx->json)
        {
          json_writer_t w;
          json_init (&w, stdout);
          json_obj_begin (&w, NULL);
          json_str (&w, "removed", argv[2]);
          json_obj_end (&w);
          putchar ('\n');
        }
      else if (!ctx->quiet)
        printf ("template %s removed\n", argv[2]);
      return 0;
    }
  return corral_error (err, EXIT_BADARG, 0, "bad arguments to `template %s`: usage `" USAGE "`", sub);
}
