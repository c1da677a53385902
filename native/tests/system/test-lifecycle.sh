#!/bin/bash
# create, start, PID 1, hostname, process isolation, exec exit codes, enter
# on a pty, stop (graceful and fast), reboot from inside, status/list JSON,
# destroy.
source "$(dirname "$0")/lib.sh"
node_setup
HERE=$(cd "$(dirname "$0")" && pwd)
ID=$((1000 + RANDOM % 500))
IP=${SUBNET_PREFIX}10

check "create busybox CT" C create $ID --ostemplate busybox --hostname life-$ID --ipadd $IP --userpasswd root:s3cret
check "status after create" bash -c "'$BIN' --root '$ROOT' status $ID | grep -qx 'CTID $ID exist unmounted down'"
check "start" C start $ID
check "status says running" bash -c "'$BIN' --root '$ROOT' status $ID | grep -qx 'CTID $ID exist mounted running'"
check "status -j" bash -c "'$BIN' --root '$ROOT' -j status $ID | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"running\"] and d[\"init_pid\"]>1'"
# The monitor holds init's mount namespace, so init's exit does not unmount
# the CT's tree on the way to `stop` (monitor.c, monitor_hold_mounts).
check "the monitor holds init's mount namespace" wait_for 5 holds_init_mntns $ID
# The monitor runs at nice 5 while a start is under way (monitor.c): none of
# it may stick to the monitor or reach the CT.
nice_of () { awk '{print $19}' "/proc/$1/stat"; }
nice_zero () { [ "$(nice_of "$(state_val "$1" MONITOR_PID)")" = 0 ] && [ "$(nice_of "$(state_val "$1" INIT_PID)")" = 0 ]; }
check "the monitor and init run at nice 0 after the start" nice_zero $ID
check "init is PID 1 inside" bash -c "[ \"\$('$BIN' --root '$ROOT' exec $ID -- cat /proc/1/comm)\" = init ]"
check "hostname inside" bash -c "[ \"\$('$BIN' --root '$ROOT' exec $ID -- hostname)\" = life-$ID ]"
out=$(C exec $ID -- ps -o pid,comm)
check "CT sees only its own processes" bash -c "! grep -qE 'corral|systemd|bash' <<< '$out' && [ \$(wc -l <<< '$out') -lt 8 ]"
C exec $ID -- sh -c 'exit 42'; rc=$?
check "exec passes the exit status (42)" [ $rc = 42 ]
C exec $ID -- /no/such 2>/dev/null; rc=$?
check "exec of a missing program exits 127" [ $rc = 127 ]
# The command is looked up on the CT's PATH, never the caller's: a file at
# a caller-only PATH entry inside the CT must not run instead.
C exec $ID -- sh -c 'mkdir -p /calleronly && printf "#!/bin/sh\necho hijacked\n" >/calleronly/uname && chmod 755 /calleronly/uname'
check "exec searches the CT's PATH, not the caller's" bash -c "[ \"\$(PATH=/calleronly:\$PATH '$BIN' --root '$ROOT' exec $ID -- uname)\" = Linux ]"
C exec $ID -- rm -rf /calleronly
check "exec passes stdin through" bash -c "[ \"\$(echo piped-in | '$BIN' --root '$ROOT' exec $ID -- cat)\" = piped-in ]"
# exec joins the CT's cgroups without writing a PID to any cgroup.procs
# (that takes the kernel's global threadgroup lock for write: it waits for
# a neighbour's fork bomb and stalls every fork on the node meanwhile):
# born in the cgroup2 directory, `tasks` "0" for the v1 ones.
ct_sleep () { for p in $(pgrep -x sleep); do grep -q ":/corral-systest-$$/$ID\$" /proc/$p/cgroup 2>/dev/null && echo $p; done | head -1; }
C exec $ID -- sleep 5 >/dev/null & xpid=$!
has_ct_sleep () { [ -n "$(ct_sleep)" ]; }
wait_for 5 has_ct_sleep
sl=$(ct_sleep)
check "an exec'd process is in the CT's cgroup2 directory" grep -q "^0::/corral-systest-$$/$ID\$" /proc/$sl/cgroup
check "an exec'd process is in the CT's cgroup in every v1 hierarchy" bash -c "[ -n '$sl' ] && ! grep -v -e '^0::' -e ':/corral-systest-$$[/.]$ID\$' /proc/$sl/cgroup"
kill $xpid 2>/dev/null; wait $xpid 2>/dev/null
if command -v strace >/dev/null && [ -d /sys/fs/cgroup/unified ]; then
  strace -f -qq -y -e trace=write -o "$ROOT/strace-exec" "$BIN" --root "$ROOT" exec $ID -- true
  check "exec writes no PID to a cgroup.procs file" bash -c "grep -q 'tasks>' '$ROOT/strace-exec' && ! grep -q 'cgroup.procs>' '$ROOT/strace-exec'"
fi
check "eth0 has the CT address" bash -c "'$BIN' --root '$ROOT' exec $ID -- ip -4 addr show eth0 | grep -q '$IP/'"
check "list shows it running" bash -c "'$BIN' --root '$ROOT' list | grep -qE '^ +$ID +[0-9]+ running +$IP +life-$ID\$'"
check "list -j" bash -c "'$BIN' --root '$ROOT' list -a -j | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[0][\"ctid\"]==$ID and d[0][\"ip\"]==[\"$IP\"]'"
check "list -j has status's init_pid, started, reboots" bash -c "[ \"\$('$BIN' --root '$ROOT' list -a -j | python3 -c 'import json,sys; d=json.load(sys.stdin)[0]; print(d[\"init_pid\"], d[\"started\"], d[\"reboots\"], d[\"suspended\"])')\" = \"\$('$BIN' --root '$ROOT' -j status $ID | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[\"init_pid\"], d[\"started\"], d[\"reboots\"], False)')\" ]"

cat > "$ROOT/enter.script" <<'S'
expect #
send echo en""ter-ok-$((6*7)); tty\r
expect enter-ok-42
expect /dev/pts/0
send exit 5\r
S
status=$("$HERE/pty-expect.py" "$ROOT/enter.script" -- "$BIN" --root "$ROOT" enter $ID 2>"$ROOT/enter.log")
check "enter gives a shell on the CT's own devpts" [ $? = 0 ]
check "enter exits with the shell's status" [ "$status" = 5 ]
# The agent's way: output (1 MB of it, all of it) and input over --output-socket.
sock=$("$HERE/enter-socket.py" 1000000 -- "$BIN" --root "$ROOT" enter $ID 2>>"$ROOT/enter.log")
check "enter --output-socket carries input and every byte of output, and the shell's status" [ "$sock" = "1000000 3" ]

IP2=${SUBNET_PREFIX}11
check "set --ipadd applies live" bash -c "'$BIN' --root '$ROOT' set $ID --ipadd $IP2 >/dev/null && '$BIN' --root '$ROOT' exec $ID -- ip -4 addr show eth0 | grep -q '$IP2/'"
check "set --ipdel applies live" bash -c "'$BIN' --root '$ROOT' set $ID --ipdel $IP2 >/dev/null && ! '$BIN' --root '$ROOT' exec $ID -- ip -4 addr show eth0 | grep -q '$IP2/'"
check "set --hostname applies live and is saved" bash -c "'$BIN' --root '$ROOT' set $ID --hostname life2-$ID >/dev/null && [ \"\$('$BIN' --root '$ROOT' exec $ID -- hostname)\" = life2-$ID ] && grep -q 'HOSTNAME=\"life2-$ID\"' '$ROOT/conf/$ID.conf'"
shadow1=$(C exec $ID -- grep '^root:' /etc/shadow)
C set $ID --userpasswd root:n3w-pass >/dev/null
shadow2=$(C exec $ID -- grep '^root:' /etc/shadow)
check "set --userpasswd changes root's hash" [ -n "$shadow2" -a "$shadow1" != "$shadow2" ]
check "list -o" bash -c "'$BIN' --root '$ROOT' list -H -o ctid,hostname | grep -qE '^ +$ID life2-$ID\$'"
C exec $ID -- reboot
check "reboot from inside restarts the CT" wait_for 15 bash -c "'$BIN' --root '$ROOT' -j status $ID | grep -q '\"reboots\":1'"
check "running after reboot" wait_for 10 running $ID
check "after a reboot the monitor holds the new init's mount namespace, and only that" wait_for 5 holds_only_init_mntns $ID
check "... and it and the new init run at nice 0" nice_zero $ID

start=$(date +%s%N); C stop $ID; end=$(date +%s%N)
check "graceful stop" stopped $ID
check "graceful stop returns with the CT unmounted" bash -c "'$BIN' --root '$ROOT' status $ID | grep -qx 'CTID $ID exist unmounted down'"
check "stop reason halt" bash -c "'$BIN' --root '$ROOT' -j status $ID | grep -q '\"stop_reason\":\"halt\"'"
echo "# graceful stop took $(( (end - start) / 1000000 )) ms"
C start $ID >/dev/null
start=$(date +%s%N); C stop --fast $ID; end=$(date +%s%N)
check "fast stop" stopped $ID
echo "# fast stop took $(( (end - start) / 1000000 )) ms"
# --fast returns once the CT is dead; the monitor releases the rest.
check "no mount left after stop" wait_for 5 bash -c "! grep -q ' $ROOT/root/$ID ' /proc/self/mountinfo"
# Nor in the CT's own namespace the monitor held: its disk is let go.
check "no loop device on the CT's image after stop" wait_for 10 bash -c "! grep -q '^$ROOT/' /sys/block/loop*/loop/backing_file 2>/dev/null"
check "no CT cgroup left after stop" wait_for 5 bash -c "! ls -d /sys/fs/cgroup/*/corral-systest-$$/$ID /sys/fs/cgroup/*/corral-systest-$$.$ID 2>/dev/null | grep -q ."
check "status after fast stop" bash -c "'$BIN' --root '$ROOT' status $ID | grep -qx 'CTID $ID exist unmounted down'"
C exec $ID -- true 2>/dev/null; rc=$?
check "exec in a stopped CT exits 31" [ $rc = 31 ]
C start $ID >/dev/null
C exec $ID -- sh -c 'echo old > /root/marker'
C reinstall $ID 2>/dev/null; rc=$?
check "reinstall refuses a running CT (32)" [ $rc = 32 ]
C stop --fast $ID >/dev/null
check "reinstall" C reinstall $ID
C start $ID >/dev/null
check "reinstall gave a fresh root" bash -c "! '$BIN' --root '$ROOT' exec $ID -- cat /root/marker 2>/dev/null"
check "reinstall kept hostname and address" bash -c "[ \"\$('$BIN' --root '$ROOT' exec $ID -- hostname)\" = life2-$ID ] && '$BIN' --root '$ROOT' exec $ID -- ip -4 addr show eth0 | grep -q '$IP/'"
C destroy $ID 2>/dev/null; rc=$?
check "destroy refuses a running CT (32)" [ $rc = 32 ]
C stop --fast $ID >/dev/null
check "destroy" C destroy $ID
check "status after destroy" bash -c "'$BIN' --root '$ROOT' status $ID | grep -qx 'CTID $ID deleted unmounted down'"
[ $T_FAILED = 0 ]
