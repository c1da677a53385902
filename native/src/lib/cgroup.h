/* The cgroup a CT lives in, behind one interface for cgroup v1 (and the
   hybrid layout) and pure v2: each back-end fills a cgroup_manager_t, like
   crun's libcrun_cgroup_manager.  */
#ifndef CORRAL_CGROUP_H
#define CORRAL_CGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "error.h"
#include "node-config.h"

struct cgroup_manager_s;
struct ct_limits_s;
struct ct_stats_s;
struct stats_cache_s;

typedef struct cgroup_s
{
  const struct cgroup_manager_s *ops;
  char path[300];          /* relative to each hierarchy root: <CGROUP_PARENT>/<name> */
} cgroup_t;

typedef struct cgroup_manager_s
{
  const char *name;        /* "v1" or "v2" */
  int (*create) (const cgroup_t *cg, corral_error_t *err);
  int (*enter) (const cgroup_t *cg, pid_t pid, corral_error_t *err);
  /* Move the calling process, which must be single-threaded, into the
     cgroup without the cost of `enter`: a write of another PID to
     cgroup.procs takes the kernel's global threadgroup rwsem, and on v1
     that waits for an RCU grace period (~10 ms here) each time; v1's
     `tasks` file with "0" (the caller's own thread) skips that lock.  The
     cgroup2 hierarchy has no such path: with SKIP_DFL the caller is
     already in it (cgroup_clone with CLONE_INTO_CGROUP).  */
  int (*enter_self) (const cgroup_t *cg, bool skip_dfl, corral_error_t *err);
  /* Directory fd of the cgroup in the cgroup2 hierarchy (v2, or the
     hybrid layout's unified one) for CLONE_INTO_CGROUP; -1 if none.  */
  int (*open_dfl) (const cgroup_t *cg);
  int (*freeze) (const cgroup_t *cg, bool frozen, corral_error_t *err);
  int (*kill) (const cgroup_t *cg, corral_error_t *err);
  /* *PIDS is malloc'd; host PIDs of every task.  */
  int (*pids) (const cgroup_t *cg, pid_t **pids, size_t *n, corral_error_t *err);
  int (*destroy) (const cgroup_t *cg, corral_error_t *err);
  bool (*exists) (const cgroup_t *cg);
  /* Counter of OOM kills in the cgroup (0 when the kernel has none).  */
  long (*oom_kills) (const cgroup_t *cg);
  /* Hand the cgroup2 directory to CT root (kernel cgroup-v2 "Delegation"),
     so an init like systemd can build its own tree below it.  v1 delegates
     the controller-less unified hierarchy when the host has one.  */
  int (*delegate) (const cgroup_t *cg, uid_t uid, gid_t gid, corral_error_t *err);
  /* Write the limits selected by L->mask (ct-limits.h); v1/v2-limits.c.  */
  int (*set_limits) (const cgroup_t *cg, const struct ct_limits_s *l, corral_error_t *err);
  /* Counters for stats/ubc (stats.h); CACHE keeps fds open between
     samples (NULL: open and close each file).  FULL adds the beancounter
     extras (kmem, shmem).  */
  int (*read_stats) (const cgroup_t *cg, struct ct_stats_s *st, struct stats_cache_s *cache, bool full);
} cgroup_manager_t;

/* NAME is the CTID as text, or "monitor" for the node's monitor cgroup.  */
int cgroup_open (const node_config_t *node, const char *name, cgroup_t *cg, corral_error_t *err);
int cgroup_open_ct (const node_config_t *node, int ctid, cgroup_t *cg, corral_error_t *err);

/* Detected once: true when /sys/fs/cgroup is a cgroup2 mount.  */
bool cgroup_is_v2 (void);

/* clone(2) FLAGS (namespaces | SIGCHLD, no CLONE_VM) with the child born
   in the cgroup2 directory DFL_FD (CLONE_INTO_CGROUP: no migration, so no
   grace period) when DFL_FD >= 0 and the kernel has clone3; *INTO says
   whether it was.  Returns like fork().  */
pid_t cgroup_clone (int dfl_fd, unsigned long flags, bool *into);

/* Shared helpers for the back-ends.  */
int cgroup_write (const char *dir, const char *file, const char *value, corral_error_t *err);
int cgroup_read (const char *dir, const char *file, char *buf, size_t size);
int cgroup_mkdir_p (const char *path, corral_error_t *err);
int cgroup_read_pids (const char *dir, pid_t **pids, size_t *n, corral_error_t *err);
int cgroup_rmdir (const char *dir, corral_error_t *err);
int cgroup_chown_delegated (const char *dir, uid_t uid, gid_t gid, corral_error_t *err);

extern const cgroup_manager_t cgroup_manager_v1;
extern const cgroup_manager_t cgroup_manager_v2;

#endif
