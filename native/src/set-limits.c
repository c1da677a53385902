#include "set-limits.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "isolation.h"
#include "parse.h"
#include "storage.h"

#define BIT(opt) (1u << ((opt) - SET_OPT_RAM))
#define GIVEN(s, opt) (((s)->given & BIT (opt)) != 0)

/* devpts refuses max= above NR_UNIX98_PTY_MAX.  */
#define PTY_MAX (1u << 20)

void
set_limits_init (set_limits_t *s)
{
  memset (s, 0, sizeof *s);
  ct_config_init (&s->want, 0);
}

bool
set_limits_any (const set_limits_t *s)
{
  return (s->given & ~BIT (SET_OPT_SETMODE)) != 0;
}

static int
parse_yes_no (const char *opt, const char *arg, bool *out, corral_error_t *err)
{
  if (strcmp (arg, "yes") == 0)
    *out = true;
  else if (strcmp (arg, "no") == 0)
    *out = false;
  else
    return corral_error (err, EXIT_BADVALUE, 0, "invalid %s `%s`: expected yes or no", opt, arg);
  return 0;
}

/* The config is sourced by shell action scripts (ctid.conf(5)), so text
   values must not be able to end the quoted string or expand.  */
static int
parse_text (const char *opt, const char *arg, char *out, size_t size, bool name, corral_error_t *err)
{
  if (strlen (arg) >= size)
    return corral_error (err, EXIT_BADVALUE, 0, "invalid %s `%.40s...`: at most %zu characters", opt, arg, size - 1);
  for (const unsigned char *p = (const unsigned char *) arg; *p; p++)
    {
      if (name ? !(isalnum (*p) || *p == '-' || *p == '_' || *p == '.')
               : (*p < 0x20 || *p == '"' || *p == '\\' || *p == '$' || *p == '`'))
        return corral_error (err, EXIT_BADVALUE, 0, "invalid %s `%s`: character `%c` not allowed", opt, arg, *p);
    }
  if (name && (arg[0] == '\0' || isdigit ((unsigned char) arg[0])))
    return corral_error (err, EXIT_BADVALUE, 0, "invalid --name `%s`: must start with a letter", arg);
  snprintf (out, size, "%s", arg);
  return 0;
}

int
set_limits_option (set_limits_t *s, int opt, const char *arg, corral_error_t *err)
{
  ct_config_t *w = &s->want;
  uint64_t v;
  int r = 0;

  if (opt < SET_OPT_RAM || opt >= SET_OPT_LAST)
    return 0;
  switch (opt)
    {
    case SET_OPT_RAM: r = limits_parse_ram ("--ram", arg, &w->ram, err); break;
    case SET_OPT_SWAP: r = limits_parse_ram ("--swap", arg, &w->swap, err); break;
    case SET_OPT_NUMPROC: r = limits_parse_count ("--numproc", arg, 4194304, &w->numproc, err); break;
    case SET_OPT_NUMPTY: r = limits_parse_count ("--numpty", arg, PTY_MAX, &w->numpty, err); break;
    case SET_OPT_CPUUNITS: r = limits_parse_cpuunits (arg, &w->cpuunits, err); break;
    case SET_OPT_CPULIMIT: r = limits_parse_cpulimit (arg, &w->cpulimit, err); break;
    case SET_OPT_CPUS: r = limits_parse_cpus (arg, &w->cpus, err); break;
    case SET_OPT_CPUMASK: r = limits_parse_cpumask (arg, w->cpumask, sizeof w->cpumask, err); break;
    case SET_OPT_DISKSPACE: r = limits_parse_diskspace (arg, &w->diskspace, err); break;
    case SET_OPT_DISKINODES: r = limits_parse_diskinodes (arg, &w->diskinodes, err); break;
    case SET_OPT_IOPRIO: r = limits_parse_ioprio (arg, &w->ioprio, err); break;
    case SET_OPT_IOLIMIT: r = limits_parse_iolimit (arg, &w->iolimit, err); break;
    case SET_OPT_IOPSLIMIT:
      if (parse_uint (arg, 1000000000, &v, err) < 0)
        return corral_error (err, EXIT_BADVALUE, 0, "invalid --iopslimit `%s`: must be 0..1000000000 (0 = none)",
                             arg);
      w->iopslimit = v;
      break;
    case SET_OPT_ONBOOT: r = parse_yes_no ("--onboot", arg, &w->onboot, err); break;
    case SET_OPT_DISABLED: r = parse_yes_no ("--disabled", arg, &w->disabled, err); break;
    case SET_OPT_NAME: r = parse_text ("--name", arg, w->name, sizeof w->name, true, err); break;
    case SET_OPT_DESCRIPTION:
      r = parse_text ("--description", arg, w->description, sizeof w->description, false, err);
      break;
    case SET_OPT_SETMODE:
      if (strcmp (arg, "restart") == 0)
        s->setmode = SETMODE_RESTART;
      else if (strcmp (arg, "ignore") == 0)
        s->setmode = SETMODE_IGNORE;
      else
        return corral_error (err, EXIT_BADVALUE, 0, "invalid --setmode `%s`: expected restart or ignore", arg);
      break;
    }
  if (r < 0)
    return r;
  s->given |= BIT (opt);
  return 1;
}

int
set_limits_check_save (const set_limits_t *s, bool save, corral_error_t *err)
{
  /* vzctl: these only change the config (or the image, for good).  */
  static const struct { int opt; const char *name; } need[] = {
    { SET_OPT_NAME, "--name" }, { SET_OPT_DESCRIPTION, "--description" }, { SET_OPT_ONBOOT, "--onboot" },
    { SET_OPT_DISABLED, "--disabled" }, { SET_OPT_DISKSPACE, "--diskspace" }, { SET_OPT_DISKINODES, "--diskinodes" },
  };
  if (save)
    return 0;
  for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
    if (GIVEN (s, need[i].opt))
      return corral_error (err, EXIT_BADARG, 0, "%s changes only the saved config: add --save", need[i].name);
  if (s->setmode == SETMODE_RESTART)
    return corral_error (err, EXIT_BADARG, 0, "--setmode restart needs --save (the restart reads the config)");
  return 0;
}

int
set_limits_merge (const set_limits_t *s, const node_config_t *node, ct_config_t *ct, bool running, bool *restart,
                  corral_error_t *err)
{
  const ct_config_t *w = &s->want;
  const storage_ops_t *so = storage_ops (ct->layout);
  bool image = so && so->resize;


  *restart = false;
#define TAKE(opt, field)                                                                                         \
  if (GIVEN (s, opt))                                                                                            \
    memcpy (&ct->field, &w->field, sizeof ct->field);
  TAKE (SET_OPT_RAM, ram) TAKE (SET_OPT_SWAP, swap) TAKE (SET_OPT_NUMPROC, numproc) TAKE (SET_OPT_NUMPTY, numpty)
  TAKE (SET_OPT_CPUUNITS, cpuunits) TAKE (SET_OPT_CPULIMIT, cpulimit) TAKE (SET_OPT_CPUS, cpus)
  TAKE (SET_OPT_CPUMASK, cpumask) TAKE (SET_OPT_IOPRIO, ioprio) TAKE (SET_OPT_IOLIMIT, iolimit)
  TAKE (SET_OPT_IOPSLIMIT, iopslimit) TAKE (SET_OPT_ONBOOT, onboot) TAKE (SET_OPT_DISABLED, disabled)
  TAKE (SET_OPT_NAME, name) TAKE (SET_OPT_DESCRIPTION, description)
#undef TAKE
  if ((GIVEN (s, SET_OPT_IOLIMIT) || GIVEN (s, SET_OPT_IOPSLIMIT)) && !image && (w->iolimit || w->iopslimit))
    return corral_error (err, EXIT_UNSUPPORTED, 0,
                         "--iolimit/--iopslimit need the image layout: CT %d uses `%s`, which has no block device "
                         "of its own to throttle",
                         ct->ctid, ct->layout);
  if (GIVEN (s, SET_OPT_DISKINODES) && w->diskinodes != ct->diskinodes)
    {
      if (image)
        return corral_error (err, EXIT_UNSUPPORTED, 0,
                             "invalid --diskinodes `%llu`: ext4 fixes the inode count when the image is made "
                             "(set it at create)",
                             (unsigned long long) w->diskinodes);
      ct->diskinodes = w->diskinodes;
    }
  if (GIVEN (s, SET_OPT_DISKSPACE))
    {
      /* Shrinking needs the CT stopped; so does growing when this process
         may not resize a mounted ext4.  */
      /* The image's own size, not DISKSPACE: a CT made without
         --diskspace has the default size and no key.  */
      uint64_t cur = image ? storage_image_size (node, ct->ctid) : 0;
      if (image && running && cur
          && ((w->diskspace & ~4095ULL) < cur
              || ((w->diskspace & ~4095ULL) > cur && !storage_image_can_grow_online ())))
        {
          if (s->setmode == SETMODE_NONE)
            return corral_error_code (err, EXIT_RUNNING, 0, "running",
                                      "invalid --diskspace `%llu` for a running CT (now %llu bytes): %s",
                                      (unsigned long long) w->diskspace, (unsigned long long) cur,
                                      (w->diskspace & ~4095ULL) < cur
                                        ? "shrinking needs it stopped (stop it, or add --setmode restart)"
                                        : "growing online needs CAP_SYS_RESOURCE, which this corralctl lacks "
                                          "(stop it, or add --setmode restart)");
          *restart = s->setmode == SETMODE_RESTART;
        }
      ct->diskspace = w->diskspace;
    }
  return 0;
}

static void
limits_given (const set_limits_t *s, const ct_config_t *ct, ct_limits_t *l)
{
  unsigned m = 0;

  limits_from_config (ct, l);
  if (GIVEN (s, SET_OPT_RAM) || GIVEN (s, SET_OPT_SWAP))
    {
      m |= LIM_RAM | LIM_SWAP;
      l->ram = ct->ram ? ct->ram : LIMITS_UNLIMITED;
      l->swap = ct->swap;
    }
  if (GIVEN (s, SET_OPT_NUMPROC))
    m |= LIM_NUMPROC, l->numproc = ct->numproc;
  if (GIVEN (s, SET_OPT_CPUUNITS))
    m |= LIM_CPUUNITS, l->cpuunits = ct->cpuunits;
  if (GIVEN (s, SET_OPT_CPULIMIT) || GIVEN (s, SET_OPT_CPUS))
    m |= LIM_CPULIMIT, l->cpulimit = ct->cpulimit, l->cpus = ct->cpus;
  if (GIVEN (s, SET_OPT_CPUMASK))
    m |= LIM_CPUMASK;
  if (GIVEN (s, SET_OPT_IOPRIO))
    m |= LIM_IOPRIO, l->ioprio = ct->ioprio;
  if (GIVEN (s, SET_OPT_IOLIMIT) || GIVEN (s, SET_OPT_IOPSLIMIT))
    m |= LIM_IOLIMIT, l->iolimit = ct->iolimit, l->iopslimit = ct->iopslimit;
  l->mask = m;
}

/* Remount the CT's devpts with a new max=, in the CT's namespaces (the
   instance belongs to the CT's user namespace; ns_run_in_ct).  The other
   options are repeated because a devpts remount resets them.  ARG is the
   option string.  */
static int
devpts_remount_in_ct (void *arg, corral_error_t *err)
{
  const char *opts = arg;
  if (mount (NULL, "/dev/pts", NULL, MS_REMOUNT | MS_NOSUID | MS_NOEXEC, opts) < 0)
    return corral_error (err, EXIT_SYSTEM, errno, "remount `/dev/pts` of the CT with `%s`", opts);
  return 0;
}

static int
numpty_live (const node_config_t *node, int ctid, pid_t init_pid, uint64_t max, corral_error_t *err)
{
  char opts[96];

  snprintf (opts, sizeof opts, "ptmxmode=0666,mode=0620,gid=5,max=%llu",
            (unsigned long long) (max == LIMITS_UNLIMITED ? PTY_MAX : max));
  return ns_run_in_ct (node, ctid, init_pid, devpts_remount_in_ct, opts, err);
}

int
set_limits_apply_live (const set_limits_t *s, const node_config_t *node, const ct_config_t *ct, const ct_state_t *st,
                       corral_error_t *err)
{
  ct_limits_t l;
  cgroup_t cg;
  const storage_ops_t *so = storage_ops (ct->layout);

  limits_given (s, ct, &l);
  if (l.mask)
    {
      if (cgroup_open_ct (node, ct->ctid, &cg, err) < 0 || limits_apply (node, ct, &cg, &l, err) < 0)
        return -1;
    }
  if (GIVEN (s, SET_OPT_NUMPTY) && numpty_live (node, ct->ctid, st->init_pid, ct->numpty, err) < 0)
    return -1;
  /* Growing is online; a shrink was refused or deferred by merge.  */
  if (GIVEN (s, SET_OPT_DISKSPACE) && so && so->resize && s->setmode != SETMODE_IGNORE)
    {
      char img[400];
      struct stat st_img;
      snprintf (img, sizeof img, "%s/%d/root.img", node->private_dir, ct->ctid);
      if (stat (img, &st_img) == 0 && (uint64_t) st_img.st_size <= ct->diskspace
          && so->resize (node, ct->ctid, ct->diskspace, err) < 0)
        return -1;
    }
  return 0;
}

int
set_limits_apply_stopped (const set_limits_t *s, const node_config_t *node, const ct_config_t *ct,
                          corral_error_t *err)
{
  const storage_ops_t *so = storage_ops (ct->layout);
  if (GIVEN (s, SET_OPT_DISKSPACE) && so && so->resize)
    return so->resize (node, ct->ctid, ct->diskspace, err);
  return 0;
}

void
set_limits_unsave (ct_config_t *ct, const ct_config_t *orig)
{
  ct->ram = orig->ram;
  ct->swap = orig->swap;
  ct->numproc = orig->numproc;
  ct->numpty = orig->numpty;
  ct->cpuunits = orig->cpuunits;
  ct->cpulimit = orig->cpulimit;
  ct->cpus = orig->cpus;
  memcpy (ct->cpumask, orig->cpumask, sizeof ct->cpumask);
  ct->ioprio = orig->ioprio;
  ct->iolimit = orig->iolimit;
  ct->iopslimit = orig->iopslimit;
}
