#!/bin/bash
# The monitor outlives its caller: started from a cgroup that is then
# emptied and removed (what a service manager does to a restarted agent),
# the CT keeps running; the monitor lives in the node's monitor cgroup and
# its own session.
source "$(dirname "$0")/lib.sh"
node_setup
ID=$((3000 + RANDOM % 500))
C create $ID --ostemplate busybox >/dev/null
CALLER=/sys/fs/cgroup/pids/corral-systest-caller-$$
mkdir "$CALLER"
bash -c "echo \$\$ > $CALLER/cgroup.procs; exec '$BIN' --root '$ROOT' start $ID" >/dev/null
left=$(cat "$CALLER/cgroup.procs")
check "nothing of the CT stays in the caller's cgroup" [ -z "$left" ]
for p in $left; do kill -9 "$p"; done
rmdir "$CALLER"
check "CT still running after its caller's cgroup is gone" running $ID
mon=$(C -j status $ID | python3 -c 'import json,sys; print(json.load(sys.stdin)["monitor_pid"])')
check "monitor is in the node's monitor cgroup" grep -q "pids:/corral-systest-$$/monitor" /proc/$mon/cgroup
check "monitor has its own session" [ "$(ps -o sid= -p $mon)" != "$(ps -o sid= -p $$)" ]
check "monitor has no controlling tty" [ "$(ps -o tty= -p $mon | tr -d ' ')" = "?" ]
init=$(C -j status $ID | python3 -c 'import json,sys; print(json.load(sys.stdin)["init_pid"])')
check "CT init is in the CT cgroup, not the monitor's" grep -q "pids:/corral-systest-$$/$ID\$" /proc/$init/cgroup
check "CT sees its cgroup as / (cgroup namespace)" bash -c "'$BIN' --root '$ROOT' exec $ID -- cat /proc/1/cgroup | grep -q 'pids:/\$'"
kill -9 "$init"
check "init killed from the host: the monitor records it" wait_for 10 bash -c "'$BIN' --root '$ROOT' -j status $ID | grep -q '\"stop_reason\":\"killed\"'"
check "and releases everything" wait_for 10 bash -c "! ls -d /sys/fs/cgroup/*/corral-systest-$$/$ID 2>/dev/null | grep -q . && ! grep -q ' $ROOT/root/$ID ' /proc/self/mountinfo"

# A CT whose init reboots at once spends much of its time between two boots,
# with no init to signal: stop must end it from either state, and it stays down.
C start $ID >/dev/null
C exec $ID -- sh -c "rm -f /sbin/init && printf '#!/bin/sh\\nexec reboot -f\\n' > /sbin/init && chmod 755 /sbin/init"
C exec $ID -- reboot
stopped_ok=0
for i in $(seq 12); do
  sleep 0.$((RANDOM % 4))
  if C stop --fast $ID >/dev/null 2>&1 && wait_for 5 bash -c "'$BIN' --root '$ROOT' status $ID | grep -q ' down\$'"; then
    stopped_ok=$((stopped_ok + 1))
  fi
  [ $i = 12 ] || C start $ID >/dev/null 2>&1
done
check "stop ends a CT that reboots in a loop ($stopped_ok/12)" [ $stopped_ok = 12 ]
sleep 1
check "and it stays stopped" bash -c "'$BIN' --root '$ROOT' status $ID | grep -q ' down\$'"
# The stop request ends with the boots it was for: a new start reboots again.
C start $ID >/dev/null 2>&1
check "after a new start the CT reboots again" wait_for 10 bash -c "'$BIN' --root '$ROOT' -j status $ID | grep -q '\"reboots\":[1-9]'"
check "and a stop still ends it" bash -c "'$BIN' --root '$ROOT' stop --fast $ID >/dev/null && ! '$BIN' --root '$ROOT' -j status $ID | grep -q '\"running\":true'"

# `start` killed before the monitor reported (its caller gone, an agent
# restarted) must not take the monitor along: the monitor is held frozen in
# the node's monitor cgroup until the command, blocked on the report, is
# killed; thawed, it boots the CT and finds nobody to report to.
ID2=$((ID + 1))
C create $ID2 --ostemplate busybox >/dev/null
MONCG=corral-systest-$$/monitor
if [ -e /sys/fs/cgroup/freezer/$MONCG/freezer.state ]; then
  freeze_monitors () { echo "$1" > /sys/fs/cgroup/freezer/$MONCG/freezer.state; }
  MONPROCS=/sys/fs/cgroup/freezer/$MONCG/cgroup.procs
else
  V2=$(findmnt -n -o TARGET -t cgroup2 | head -n1)
  freeze_monitors () { [ "$1" = FROZEN ] && echo 1 > "$V2/$MONCG/cgroup.freeze" || echo 0 > "$V2/$MONCG/cgroup.freeze"; }
  MONPROCS=$V2/$MONCG/cgroup.procs
fi
before=$(wc -l < "$MONPROCS")
freeze_monitors FROZEN
"$BIN" --root "$ROOT" start $ID2 >/dev/null 2>&1 &
sp=$!
# The new monitor is in (and frozen), and the command waits in read(2) (syscall 0) for its report.
if wait_for 10 bash -c "[ \$(wc -l < '$MONPROCS') -gt $before ] && [ \"\$(cut -d' ' -f1 /proc/$sp/syscall 2>/dev/null)\" = 0 ]"; then
  kill -9 $sp
  wait $sp 2>/dev/null
  freeze_monitors THAWED
  check "start killed before its report: the CT boots anyway" wait_for 10 running $ID2
  # Past its report the monitor holds init's mount namespace; one killed by
  # the report's SIGPIPE never does.
  check "... and its monitor lives on past the report nobody reads" wait_for 5 holds_init_mntns $ID2
  check "... its state saved as running" bash -c "'$BIN' --root '$ROOT' -j status $ID2 | grep -q '\"status\":\"running\"'"
  check "... and stops as usual, leaving nothing" bash -c "'$BIN' --root '$ROOT' stop --fast $ID2 >/dev/null && ! ls -d /sys/fs/cgroup/*/corral-systest-$$/$ID2 2>/dev/null | grep -q . && ! grep -q ' $ROOT/root/$ID2 ' /proc/self/mountinfo"
else
  freeze_monitors THAWED
  kill -9 $sp 2>/dev/null
  nok "start killed before its report: the command never waited for the report"
fi

# Init gets none of the monitor's signal state: an init that resets
# nothing (a shell script here, then sleep) has no signal blocked, though the
# monitor blocks four for its signalfd. (Signals the caller ignored are reset
# too, signals_default in lib/signals.c; busybox sh resets those itself, so this init
# cannot show them.)
C start $ID2 >/dev/null 2>&1
C exec $ID2 -- sh -c "rm -f /sbin/init && printf '#!/bin/sh\\nexec sleep 1000\\n' > /sbin/init && chmod 755 /sbin/init"
C stop --fast $ID2 >/dev/null
C start $ID2 >/dev/null
check "the CT's init inherits no blocked signal" grep -qx 'SigBlk:[[:space:]]*0*' "/proc/$(state_val $ID2 INIT_PID)/status"
C stop --fast $ID2 >/dev/null
[ $T_FAILED = 0 ]
