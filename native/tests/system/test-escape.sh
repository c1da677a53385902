#!/bin/bash
# Escape attempts from inside a CT as root; each must fail and leave the
# host unchanged.
source "$(dirname "$0")/lib.sh"
node_setup
ID=$((2500 + RANDOM % 500))
C create $ID --ostemplate busybox >/dev/null
C start $ID >/dev/null
X () { C exec $ID -- sh -c "$1"; }

core_before=$(cat /proc/sys/kernel/core_pattern)
X 'echo b > /proc/sysrq-trigger' 2>/dev/null
check "write /proc/sysrq-trigger fails" [ $? != 0 ]
X 'echo "|/tmp/pwn" > /proc/sys/kernel/core_pattern' 2>/dev/null
check "write core_pattern fails" [ $? != 0 ]
check "host core_pattern unchanged" [ "$(cat /proc/sys/kernel/core_pattern)" = "$core_before" ]
disk=$(awk '$5=="/" {print $3; exit}' /proc/self/mountinfo)   # e.g. 254:0
X "mknod /tmp/disk b ${disk%%:*} ${disk##*:} 2>/dev/null; head -c 512 /tmp/disk 2>/dev/null | wc -c | grep -qx 512" 2>/dev/null
check "mknod + read the host disk fails" [ $? != 0 ]
X 'echo x > /tmp/m.ko; insmod /tmp/m.ko 2>&1' | grep -qi 'not permitted'
check "module load refused (EPERM)" [ $? = 0 ]
X 'mkdir -p /tmp/cg; for c in memory pids rdma freezer; do mount -t cgroup -o $c cg /tmp/cg 2>/dev/null && break; done; echo /tmp/pwn > /tmp/cg/release_agent' 2>/dev/null
check "cgroup v1 release_agent cannot be set" [ $? != 0 ]
check "/proc/kcore reads nothing" [ "$(X 'head -c 16 /proc/kcore 2>/dev/null | wc -c')" = 0 ]
fds=$(X 'for p in /proc/[0-9]*; do ls -l $p/fd/ 2>/dev/null; done')
check "no host fds in /proc/*/fd" bash -c "! grep -E '/work|/tmp/corral|/var/lib|corralctl|$ROOT' <<< \"\$1\"" _ "$fds"
check "no host processes visible" bash -c "[ \$('$BIN' --root '$ROOT' exec $ID -- ps -o pid | wc -l) -lt 8 ]"
check "uid_map is not the identity map" bash -c "! '$BIN' --root '$ROOT' exec $ID -- cat /proc/self/uid_map | grep -qE '^ *0 +0 +4294967295'"

# /proc/<pid>/exe of whatever enters the CT: a CT process keeps trying to
# open it for writing while the host runs 100 execs.
cp "$BIN" "$ROOT/corralctl-copy"
sum_before=$(sha256sum < "$ROOT/corralctl-copy")
X 'cat > /tmp/attack <<"A"
while :; do
  for p in /proc/[0-9]*; do
    t=$(readlink $p/exe 2>/dev/null)
    case "$t" in ""|*busybox) continue ;; esac
    echo "$p $t" >> /tmp/seen
    { echo PWNED >> $p/exe; } 2>/dev/null && echo "$p $t" >> /tmp/pwned
  done
done
A
sh /tmp/attack </dev/null >/dev/null 2>&1 &'
for i in $(seq 100); do "$ROOT/corralctl-copy" --root "$ROOT" exec $ID -- true; done
check "host corralctl unchanged after 100 execs" [ "$(sha256sum < "$ROOT/corralctl-copy")" = "$sum_before" ]
check "the attacker never opened it" bash -c "! '$BIN' --root '$ROOT' exec $ID -- cat /tmp/pwned 2>/dev/null | grep -q ."

# Two CTs: A cannot reach B's processes or files.
B=$((ID + 1))
C create $B --ostemplate busybox >/dev/null
C start $B >/dev/null
C exec $B -- sh -c 'echo b-secret-data > /root/b-secret; sleep 613 </dev/null >/dev/null 2>&1 &'
bsleep=$(pgrep -f 'sleep 613' | head -1)
check "CT A does not see CT B's processes" bash -c "! '$BIN' --root '$ROOT' exec $ID -- ps | grep -q 'sleep 613'"
check "CT A cannot signal CT B's process by its host PID" bash -c "! '$BIN' --root '$ROOT' exec $ID -- kill -0 $bsleep 2>/dev/null"
check "CT A cannot find CT B's files" bash -c "! '$BIN' --root '$ROOT' exec $ID -- sh -c 'find / -xdev -name b-secret 2>/dev/null' | grep -q ."
check "CT A cannot open CT B's root via /proc" bash -c "! '$BIN' --root '$ROOT' exec $ID -- cat /proc/$bsleep/root/root/b-secret 2>/dev/null | grep -q b-secret"
C stop --fast $B >/dev/null
C stop --fast $ID >/dev/null
[ $T_FAILED = 0 ]
