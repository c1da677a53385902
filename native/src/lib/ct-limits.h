/* A CT's resource limits in OpenVZ's units, and their conversion to cgroup
   v1 and v2 interface files (openvz-model Appendix A).  The conversions
   produce a "plan": an ordered list of (controller, file, value) writes
   that a back-end executes, so the arithmetic and the v1 write ordering
   are testable without a kernel.  */
#ifndef CORRAL_CT_LIMITS_H
#define CORRAL_CT_LIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ct-config.h"
#include "error.h"

#define LIMITS_UNLIMITED UINT64_MAX
#define LIMITS_CFS_PERIOD 100000       /* µs, the kernel's default period */

/* Which fields of ct_limits_t to apply; unset ones keep the kernel's value.  */
enum
{
  LIM_RAM = 1 << 0,
  LIM_SWAP = 1 << 1,      /* with LIM_RAM on v1: memsw = ram + swap */
  LIM_NUMPROC = 1 << 2,
  LIM_NUMPTY = 1 << 3,    /* devpts max=, not a cgroup file */
  LIM_CPUUNITS = 1 << 4,
  LIM_CPULIMIT = 1 << 5,  /* cpulimit and cpus together */
  LIM_CPUMASK = 1 << 6,
  LIM_IOPRIO = 1 << 7,
  LIM_IOLIMIT = 1 << 8,   /* iolimit and iopslimit together; needs the device */
};

typedef struct ct_limits_s
{
  unsigned mask;
  uint64_t ram, swap;          /* bytes; LIMITS_UNLIMITED = no limit */
  uint64_t numproc, numpty;    /* items; LIMITS_UNLIMITED = no limit */
  unsigned cpuunits;           /* 8..500000 */
  unsigned cpulimit;           /* percent of one CPU, 0 = none */
  unsigned cpus;               /* 0 = all */
  char cpumask[128];           /* cpuset list, "" or "all" = every CPU */
  int ioprio;                  /* 0..7 */
  uint64_t iolimit, iopslimit; /* bytes/s and ops/s, 0 = none */
  unsigned dev_major, dev_minor; /* the CT's own block device (loop), for throttling */
  bool has_dev;
} ct_limits_t;

typedef struct limits_write_s
{
  const char *ctrl;            /* v1 controller ("memory", "cpu", ...); v2 ignores it */
  const char *file;
  char value[96];
} limits_write_t;

#define LIMITS_MAX_WRITES 16

/* Everything the CT config sets (what start applies).  */
void limits_from_config (const ct_config_t *ct, ct_limits_t *l);

/* OpenVZ's ioprio -> weight table (kernel/bc/io_prio.c, libvzctl).  */
unsigned limits_bfq_weight (int ioprio);
/* crun's linear map of a 10..1000 weight onto io.weight 1..10000.  */
unsigned limits_io_weight (unsigned bfq_weight);
/* libvzctl: shares = units * 1024 / 1000, weight = units / 10, clamped.  */
uint64_t limits_cpu_shares (unsigned cpuunits);
uint64_t limits_cpu_weight (unsigned cpuunits);
/* The weight of CGROUP_PARENT itself, the group every CT's cpu cgroup sits
   in: one default CT per host CPU (cpuunits 1000 each), so all CTs
   together weigh against the host's own tasks like one busy host task per
   CPU.  The kernel spreads a group's weight over the CPUs by where its
   children are busy: at the default 1024, a CT busy on CPU 0 took half
   of it there and left a CT alone on CPU 1 half a task's weight against
   the host tasks on that CPU (bench/isolation's victim lost 7-12% to a
   neighbour that never ran on its CPU).  */
uint64_t limits_parent_cpu_shares (unsigned host_cpus);
uint64_t limits_parent_cpu_weight (unsigned host_cpus);
/* Effective percent (KV: min(cpulimit, cpus * 100)); 0 = no limit.  */
unsigned limits_cpu_pct (unsigned cpulimit, unsigned cpus);
/* cfs quota in µs for PERIOD, or -1 for none.  */
int64_t limits_cfs_quota (unsigned cpulimit, unsigned cpus, unsigned period);
/* v1 RAM+swap limit.  */
uint64_t limits_memsw (uint64_t ram, uint64_t swap);

/* Plans.  CUR_MEMSW is the v1 memsw limit in force now (ordering: memsw
   must stay >= limit after every single write).  N_CPUS is the host's CPU
   count (cpus -> a cpuset of the first N CPUs when no mask is given).
   HAVE_BFQ: the kernel has BFQ's weight file (--ioprio).  */
int limits_plan_v1 (const ct_limits_t *l, uint64_t cur_memsw, bool have_memsw, bool have_bfq, limits_write_t *out,
                    size_t *n);
int limits_plan_v2 (const ct_limits_t *l, bool have_bfq, limits_write_t *out, size_t *n);

/* Validation of the values `set` takes; each names the option and value.  */
int limits_parse_ram (const char *opt, const char *s, uint64_t *out, corral_error_t *err);
int limits_parse_count (const char *opt, const char *s, uint64_t max, uint64_t *out, corral_error_t *err);
int limits_parse_cpuunits (const char *s, unsigned *out, corral_error_t *err);
int limits_parse_cpulimit (const char *s, unsigned *out, corral_error_t *err);
int limits_parse_cpus (const char *s, unsigned *out, corral_error_t *err);
int limits_parse_cpumask (const char *s, char *out, size_t size, corral_error_t *err);
int limits_parse_ioprio (const char *s, int *out, corral_error_t *err);
int limits_parse_iolimit (const char *s, uint64_t *out, corral_error_t *err);
int limits_parse_diskspace (const char *s, uint64_t *out, corral_error_t *err);
int limits_parse_diskinodes (const char *s, uint64_t *out, corral_error_t *err);

/* Apply L to the CT's cgroup CG (start and live `set`): fills in the
   CT's own block device for I/O throttling when its root is a filesystem
   of its own (the image layout).  numpty is not a cgroup file: start
   passes it to devpts, `set` remounts the CT's devpts.  */
struct cgroup_s;
int limits_apply (const node_config_t *node, const ct_config_t *ct, const struct cgroup_s *cg, ct_limits_t *l,
                  corral_error_t *err);

/* Host facts, overridable by tests: online CPUs and MemTotal.  */
unsigned limits_host_cpus (void);
uint64_t limits_host_ram (void);

#endif
