/* The CT seccomp filter as a BPF program, generated at build time by
   src/gen/seccomp-gen.c into build/gen/seccomp-bpf.c.  */
#ifndef CORRAL_SECCOMP_BPF_H
#define CORRAL_SECCOMP_BPF_H
#include <linux/filter.h>

extern const struct sock_filter corral_seccomp_insns[];
extern const unsigned short corral_seccomp_len;
#endif
