/* The pieces that turn a process into a CT (openvz-model §6, §8):
   namespaces (ns.c), the root filesystem (mount.c), capabilities
   (caps.c), the seccomp filter (seccomp.c) and ID maps (idmap.c).  */
#ifndef CORRAL_ISOLATION_H
#define CORRAL_ISOLATION_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include "cgroup.h"
#include "ct-config.h"
#include "error.h"
#include "node-config.h"

typedef struct ct_spawn_s
{
  const node_config_t *node;
  const ct_config_t *ct;
  const cgroup_t *cg;
  uint32_t id_base;         /* host ID of CT root */
  const char *root_path;    /* the mounted CT root (root/<CTID>) */
  const char *console_path; /* host path of the console pty slave (see prepare) */
  bool in_dfl;              /* set by ns_spawn_init: init was born in the cgroup2 dir */
  bool lxcfs;               /* the node's lxcfs serves /proc (lxcfs_ensure) */
  /* Init is cloned before what it needs next is ready: this runs (NULL:
     all is) after the clone and the ID maps, beside init entering its
     cgroup, and finishes SP: the CT root mounted, CONSOLE_PATH and LXCFS
     set.  Init gets those once it returns 0.  */
  int (*prepare) (void *arg, struct ct_spawn_s *sp, corral_error_t *err);
  void *prepare_arg;
  /* Called once init is set up and released to exec, before its execve is
     awaited (NULL: none): the caller's own work then overlaps init's last
     steps.  Init can still fail after it, and ns_spawn_init says so.  */
  void (*released) (void *arg, pid_t init_pid);
  void *released_arg;
} ct_spawn_t;

/* Clone init in new namespaces, set it up and exec /sbin/init.  Errors in
   the child travel back over a socket, so ERR names the failing step.  */
int ns_spawn_init (const ct_spawn_t *sp, pid_t *init_pid, corral_error_t *err);

/* fork() for a child that will ns_join CT CTID: the child is born in the
   CT's cgroup2 directory when the node has one (cgroup_clone), so joining
   moves no process there; *IN_DFL says whether it was (pass it on to
   ns_join).  A write of a PID to cgroup2's cgroup.procs takes the kernel's
   global threadgroup lock for write, which stalls every fork and exit on
   the node and waits for a neighbour's forks (a fork bomb's) to drain.  */
pid_t ns_fork_joining (const node_config_t *node, int ctid, bool *in_dfl);

/* Join every namespace and the cgroup of the CT whose init is INIT_PID,
   from a child of ns_fork_joining (IN_DFL: already in the cgroup2 one);
   returns in the CT (pid ns applies after the next fork).  The caller must
   be single-threaded.  */
int ns_join (const node_config_t *node, int ctid, pid_t init_pid, bool in_dfl, corral_error_t *err);

/* Run FN (ARG, ERR) in a child that joined every namespace and the cgroup
   of CT CTID (ns_join); a failure there, in joining or in FN, comes back
   in ERR.  For one-off changes only the CT's own namespaces accept (its
   hostname, its devpts).  */
int ns_run_in_ct (const node_config_t *node, int ctid, pid_t init_pid, int (*fn) (void *arg, corral_error_t *err),
                  void *arg, corral_error_t *err);

/* Final steps shared by init and exec'd processes: become CT root, bound
   capabilities, seccomp, close fds.  KEEP_FD stays open (-1 for none).  */
int ns_finish_child (int keep_fd, corral_error_t *err);

/* mount.c: with the CWD at the CT root, build /proc, /sys, /dev, then
   pivot_root into it.  SP gives the console and the CT's numpty (devpts
   max=) and LXCFS view.  */
int mount_setup_rootfs (const ct_spawn_t *sp, corral_error_t *err);

/* caps.c: drop every capability outside the system-container set from the
   bounding, permitted, effective and inheritable sets.  */
int caps_apply (corral_error_t *err);

/* seccomp.c: install the deny-list filter; call last before execve.  */
int seccomp_apply (corral_error_t *err);

/* idmap.c: map CT IDs 0..SIZE-1 to BASE.. for PID's user namespace.  */
int idmap_write (pid_t pid, uint32_t base, uint32_t size, corral_error_t *err);

#endif
