/* corralctl entry point: global flags, node config, command table.  Only
   this file prints errors and chooses the exit code.  */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "error.h"

typedef struct command_s
{
  const char *name;
  corral_cmd_fn fn;
  const char *usage;
} command_t;

/* corralctl is linked statically (CORRAL_STATIC): an exec of it costs no
   loader and no relocations, ~1 ms less here for every command the agent
   runs and every CT monitor (they are its forks).  A static binary cannot
   dlopen libarchive, so the commands that read or write archives are left out
   of it (NULL here) and run in corralctl-dynamic, the same program linked
   dynamically and built beside it.  */
#ifdef CORRAL_STATIC
#define ARCHIVE_CMD(fn) NULL
#else
#define ARCHIVE_CMD(fn) fn
#endif

static const command_t commands[] = {
  { "create", ARCHIVE_CMD (cmd_create), "CTID --ostemplate NAME [--hostname H] [--ipadd IP]... [--nameserver IP]... [--searchdomain D]... [--ram B] [--swap B] [--diskspace B] [--userpasswd root:PASS]" },
  { "reinstall", ARCHIVE_CMD (cmd_reinstall), "CTID [--ostemplate NAME]" },
  { "start", cmd_start, "CTID [--wait] [--force]" },
  { "stop", cmd_stop, "CTID [--fast] [--timeout S] [--wait]" },
  { "restart", cmd_restart, "CTID [--fast] [--timeout S] [--wait]" },
  { "destroy", cmd_destroy, "CTID [--wait]" },
  { "delete", cmd_destroy, "CTID (alias of destroy)" },
  { "status", cmd_status, "CTID" },
  { "list", cmd_list, "[-a] [-o FIELD,...] [-H]" },
  { "exec", cmd_exec, "CTID -- ARGV..." },
  { "enter", cmd_enter, "CTID [--output-socket PATH]" },
  { "console", cmd_console, "CTID [--read-only]" },
  { "suspend", cmd_suspend, "CTID [--checkpoint]" },
  { "resume", cmd_resume, "CTID" },
  { "set", cmd_set, "CTID [--ipadd IP]... [--ipdel IP|all]... [--hostname H] [--nameserver IP]... [--searchdomain D]... [--userpasswd root:PASS] [--ram B] [--swap B] [--numproc N] [--numpty N] [--cpuunits N] [--cpulimit PCT] [--cpus N] [--cpumask LIST] [--diskspace B] [--diskinodes N] [--ioprio 0-7] [--iolimit B/s] [--iopslimit N] [--onboot yes|no] [--disabled yes|no] [--name N] [--description S] [--save] [--setmode restart|ignore]" },
  { "template", ARCHIVE_CMD (cmd_template), "list | build busybox|debian-12 | import FILE NAME" },
  { "ubc", cmd_ubc, "[CTID...] [-j]" },
  { "stats", cmd_stats, "[-j] [--compact] [--interval MS [--count N]]" },
};

/* Runs ARGV (the whole command line) in corralctl-dynamic next to this
   binary; returns only on failure.  */
static int
run_dynamic (char **argv, corral_error_t *err)
{
  char self[PATH_MAX], twin[PATH_MAX + 32];
  ssize_t n = readlink ("/proc/self/exe", self, sizeof self - 1);
  char *slash;

  if (n < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "find corralctl's own path in /proc/self/exe");
  self[n] = '\0';
  slash = strrchr (self, '/');
  *slash = '\0';
  snprintf (twin, sizeof twin, "%s/corralctl-dynamic", self);
  argv[0] = twin;
  execv (twin, argv);
  return corral_error (err, EXIT_UNSUPPORTED, errno,
                       "run %s: `%s` reads archives, which only the dynamically linked corralctl can; "
                       "`make -C native` builds it beside corralctl",
                       twin, argv[optind]);
}

static void
usage (FILE *out)
{
  fprintf (out, "usage: corralctl [-j] [-q] [--root DIR] COMMAND [ARGS]\n\ncommands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].usage);
}

int
main (int argc, char **argv)
{
  static const struct option opts[] = {
    { "json", no_argument, NULL, 'j' },
    { "quiet", no_argument, NULL, 'q' },
    { "root", required_argument, NULL, 'r' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
  };
  corral_ctx_t ctx = { 0 };
  corral_error_t err = { 0 };
  const char *root = NULL;
  int c;

  /* "+" stops at the command name: its own options belong to it.  */
  while ((c = getopt_long (argc, argv, "+jqh", opts, NULL)) != -1)
    switch (c)
      {
      case 'j': ctx.json = true; break;
      case 'q': ctx.quiet = true; break;
      case 'r': root = optarg; break;
      case 'h': usage (stdout); return 0;
      default:
        corral_error (&err, EXIT_BADARG, 0, "unknown global option `%s`", argv[optind - 1]);
        corral_error_print (&err);
        return err.exit_code;
      }
  if (optind >= argc)
    {
      corral_error (&err, EXIT_BADARG, 0, "no command given");
      corral_error_print (&err);
      return err.exit_code;
    }

  const char *name = argv[optind];
  const command_t *cmd = NULL;
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp (commands[i].name, name) == 0)
      cmd = &commands[i];
  if (cmd == NULL)
    {
      corral_error (&err, EXIT_BADARG, 0, "unknown command `%s`", name);
      corral_error_print (&err);
      return err.exit_code;
    }
  if (cmd->fn == NULL)
    {
      run_dynamic (argv, &err);
      corral_error_print (&err);
      return err.exit_code;
    }
  if (node_config_load (&ctx.node, root, &err) < 0)
    {
      corral_error_print (&err);
      return err.exit_code ? err.exit_code : EXIT_SYSTEM;
    }

  /* Each command parses its own options from a fresh getopt state.  */
  int cmd_argc = argc - optind;
  char **cmd_argv = argv + optind;
  optind = 0;
  if (cmd->fn (&ctx, cmd_argc, cmd_argv, &err) < 0)
    {
      if (err.exit_code == 0)
        err.exit_code = EXIT_SYSTEM;
      corral_error_print (&err);
      return err.exit_code;
    }
  /* exec and enter hand back the command's own status this way.  */
  return ctx.exit_status;
}
