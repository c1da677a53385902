#!/bin/bash
# stats --interval as the agent runs it (--compact, one process for many
# samples): the columns line, values equal to the one-shot -j form, network
# from the host veth (one rtnetlink read per sample), an OOM kill and a
# refused fork seen within two samples (the kernel's notification, not the
# every-10th-sample re-read), a restarted CT read from its new cgroups and
# veth, a stopped CT dropped, and no fds leaked across CT restarts.
source "$(dirname "$0")/lib.sh"
node_setup
A=$((1500 + RANDOM % 300)); B=$((A + 1))
IPA=${SUBNET_PREFIX}31
IPB=${SUBNET_PREFIX}32
INTERVAL=500
SAMPLES=$ROOT/samples
SP=
stop_sampler () { [ -n "$SP" ] && kill "$SP" 2>/dev/null && wait "$SP" 2>/dev/null; SP=; }
trap 'stop_sampler; node_cleanup' EXIT

# val CTID COLUMN [LINE]: COLUMN of CTID in the last sample line (or line
# LINE), "absent" when the CT is not in it, "none" for null.
cat > "$ROOT/val.py" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
cols = json.loads(lines[0])["columns"]
samples = [json.loads(l) for l in lines[1:] if l.endswith("}")]
pick = samples[int(sys.argv[4])] if len(sys.argv) > 4 else samples[-1]
row = [r for r in pick["cts"] if r[0] == int(sys.argv[2])]
v = row[0][cols.index(sys.argv[3])] if row else "absent"
print("none" if v is None else v)
PY
val () { python3 "$ROOT/val.py" "$SAMPLES" "$@"; }
# first CTID COLUMN VALUE: the number of the first sample line whose COLUMN
# of CTID exceeds VALUE.
first () { python3 -c "
import json, sys
lines = open('$SAMPLES').read().splitlines()
cols = json.loads(lines[0])['columns']
for i, l in enumerate(lines[1:], 1):
    row = [r for r in json.loads(l)['cts'] if r[0] == $1] if l.endswith('}') else []
    if row and row[0][cols.index('$2')] is not None and row[0][cols.index('$2')] > $3:
        print(i); break
else:
    print(0)"; }
nsamples () { grep -c '"time_ms"' "$SAMPLES"; }
# wait_val SECONDS CTID COLUMN OP VALUE
wait_val () { local s=$1; shift; wait_for "$s" bash -c "v=\$(python3 '$ROOT/val.py' '$SAMPLES' $1 $2); [ \"\$v\" != none ] && [ \"\$v\" != absent ] && [ \"\$v\" $3 $4 ]"; }

check "create A (image, address, 64M RAM, 30 processes)" C create $A --ostemplate busybox --ipadd $IPA --ram 64M
check "create B (dir layout, no address)" C create $B --ostemplate busybox --layout dir
check "A limits saved" C set $A --numproc 30 --save
check "start A" C start $A
check "start B" C start $B

"$BIN" --root "$ROOT" stats --compact --interval $INTERVAL > "$SAMPLES" 2> "$ROOT/sampler.err" &
SP=$!
wait_for 5 bash -c "[ \$(grep -c time_ms '$SAMPLES') -ge 2 ]"
check "--compact: a columns line, then one array per CT" python3 -c "
import json, sys
lines = open('$SAMPLES').read().splitlines()
cols = json.loads(lines[0])['columns']
assert cols[0] == 'ctid' and 'memory.limit' in cols and 'net.tx_packets' in cols and 'memory.oom_kills' in cols, cols
s = json.loads(lines[1])
assert sorted(r[0] for r in s['cts']) == [$A, $B], s
assert all(len(r) == len(cols) for r in s['cts']), s"
check "--compact equals the -j object form (limits)" python3 -c "
import json, subprocess
obj = {c['ctid']: c for c in json.loads(subprocess.check_output(['$BIN', '--root', '$ROOT', '-j', 'stats']))['cts']}
lines = open('$SAMPLES').read().splitlines()
cols = json.loads(lines[0])['columns']
for r in json.loads(lines[-1])['cts']:
    o = obj[r[0]]
    for k in ('memory.limit', 'processes.limit', 'swap.limit', 'disk.total', 'disk.inodes_total'):
        g, f = k.split('.')
        assert r[cols.index(k)] == o[g][f], (r[0], k, r[cols.index(k)], o[g][f])"
check "A: 64M limit, 30 processes, disk from its image" bash -c "[ \$(python3 '$ROOT/val.py' '$SAMPLES' $A memory.limit) = 67108864 ] && [ \$(python3 '$ROOT/val.py' '$SAMPLES' $A processes.limit) = 30 ] && [ \$(python3 '$ROOT/val.py' '$SAMPLES' $A disk.used) -gt 0 ]"
check "B: no veth and a shared disk: null, not 0" bash -c "[ \$(python3 '$ROOT/val.py' '$SAMPLES' $B net.rx_bytes) = none ] && [ \$(python3 '$ROOT/val.py' '$SAMPLES' $B disk.used) = none ]"

C exec $A -- ping -c 3 -W 1 ${SUBNET_PREFIX}1 >/dev/null 2>&1
check "A's pings counted as its tx (host veth reversed)" wait_val 3 $A net.tx_packets -ge 3
host_rx=$(cat /sys/class/net/ts$A/statistics/rx_packets)
check "A's net.tx_packets = the host veth's rx_packets ($host_rx)" wait_val 3 $A net.tx_packets -ge "$host_rx"

fds0=$(ls /proc/$SP/fd | wc -l)
oom0=$(val $A memory.oom_kills)
C exec $A -- awk 'BEGIN { s = "xxxxxxxxxxxxxxxx"; while (1) s = s s }' >/dev/null 2>&1
n0=$(nsamples)
wait_val 4 $A memory.oom_kills -gt "$oom0"
# Without the notification the count would wait for the every-10th re-read.
f=$(first $A memory.oom_kills $oom0)
check "an OOM kill shows within 2 samples (sample $f; the hog died before sample $((n0 + 1)))" bash -c "[ $f -gt 0 ] && [ $f -le $((n0 + 2)) ]"
pf0=$(val $A processes.failcnt)
C exec $A -- sh -c 'i=0; while [ $i -lt 40 ]; do sleep 3 & i=$((i+1)); done 2>/dev/null; true' >/dev/null 2>&1
n0=$(nsamples)
wait_val 4 $A processes.failcnt -gt "$pf0"
f=$(first $A processes.failcnt $pf0)
check "a refused fork shows within 2 samples (sample $f, fork refused before $((n0 + 1)))" bash -c "[ $f -gt 0 ] && [ $f -le $((n0 + 2)) ]"

cpu0=$(val $A cpu_ns)
pid0=$(sed -n 's/^INIT_PID="\(.*\)"/\1/p' "$ROOT/run/$A.state")
check "restart A" C restart $A
pid1=$(sed -n 's/^INIT_PID="\(.*\)"/\1/p' "$ROOT/run/$A.state")
check "A restarted with a new init ($pid0 -> $pid1)" [ "$pid0" != "$pid1" ]
check "restarted A read from its new cgroups (cpu_ns restarts below $cpu0)" wait_val 3 $A cpu_ns -lt "$cpu0"
check "restarted A: memory and processes are numbers" wait_val 3 $A processes.current -ge 1
C exec $A -- ping -c 2 -W 1 ${SUBNET_PREFIX}1 >/dev/null 2>&1
check "restarted A: its new veth is read" wait_val 3 $A net.tx_packets -ge 2
check "restart A again" C restart $A
wait_val 3 $A processes.current -ge 1
sleep 1
fds1=$(ls /proc/$SP/fd | wc -l)
check "no fds leaked across two restarts ($fds0 -> $fds1)" bash -c "[ $fds0 -gt 10 ] && [ $fds1 -le $fds0 ]"

check "set --ipadd on running B" C set $B --ipadd $IPB
C exec $B -- ping -c 2 -W 1 ${SUBNET_PREFIX}1 >/dev/null 2>&1
check "B's new veth is picked up within 10 samples" wait_val 8 $B net.tx_packets -ge 1
check "stop B" C stop --fast $B
check "stopped B leaves the samples within 2 intervals" wait_for 3 bash -c "[ \$(python3 '$ROOT/val.py' '$SAMPLES' $B cpu_ns) = absent ]"
check "the sampler is still running, nothing on stderr" bash -c "kill -0 $SP && [ ! -s '$ROOT/sampler.err' ]"
stop_sampler
check "a bad --interval is refused naming the value" bash -c "out=\$('$BIN' --root '$ROOT' stats --compact --interval 12x 2>&1); [ \$? -ne 0 ] && grep -q '12x' <<< \"\$out\""
C stop --fast $A >/dev/null
[ $T_FAILED = 0 ]
