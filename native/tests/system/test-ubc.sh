#!/bin/bash
# ubc and stats: /proc/user_beancounters' text form read by a parser
# written from the format alone (openvz-model §4.3), its numbers checked
# against the cgroup files, failcnt rising after a refused allocation,
# -j output, stats -j for every running CT (network from the host veth,
# reversed; disk from the mounted image).
source "$(dirname "$0")/lib.sh"
node_setup
A=$((1100 + RANDOM % 300)); B=$((A + 1))
PARENT=corral-systest-$$
IPA=${SUBNET_PREFIX}21

# The format: "Version: 2.5", a header line, then per CT a block whose first
# row starts with "<uid>:"; columns: resource held maxheld barrier limit
# failcnt, numbers right-aligned in 20 columns (64-bit kernels).
cat > "$ROOT/ubc-parse.py" <<'PY'
import re, sys
lines = sys.stdin.read().split("\n")
assert lines[0] == "Version: 2.5", lines[0]
head = lines[1]
assert head.split() == ["uid", "resource", "held", "maxheld", "barrier", "limit", "failcnt"], head
width = len(head)
cts, cur = {}, None
for line in lines[2:]:
    if not line:
        continue
    assert len(line) == width, (len(line), width, line)
    uid, rest = line[:11], line[12:]
    if uid.strip():
        assert uid.endswith(":"), uid
        cur = int(uid[:-1])
        cts[cur] = {}
    name = rest[:12].strip()
    nums = [int(x) for x in rest[12:].split()]
    assert len(nums) == 5 and all(re.fullmatch(r" *\d+", rest[13 + 21 * i:13 + 21 * i + 20]) for i in range(5)), line
    cts[cur][name] = dict(zip(["held", "maxheld", "barrier", "limit", "failcnt"], nums))
want = sys.argv[1:]
for spec in want:
    ctid, name, col, op, val = spec.split(":")
    v = cts[int(ctid)][name][col]
    if not eval(f"{v} {op} {val}"):
        print(f"{spec}: got {v}", file=sys.stderr)
        sys.exit(1)
PY
P () { python3 "$ROOT/ubc-parse.py" "$@"; }

check "create A with an address" C create $A --ostemplate busybox --ipadd $IPA
check "create B" C create $B --ostemplate busybox
check "A with 64M RAM and 50 processes, saved" C set $A --ram 64M --numproc 50 --numpty 8 --save
check "start A" C start $A
check "start B" C start $B

# Init is still spawning its getty right after start (rcS's short-lived
# children come and go between two reads): wait until pids.current has held
# still for half a second, then take the ubc reading while it holds still on
# both sides of it.
pids_now () { cat /sys/fs/cgroup/pids/$PARENT/$A/pids.current; }
last=$(pids_now); same=0
for _ in $(seq 50); do
  sleep 0.1
  now=$(pids_now)
  if [ "$now" = "$last" ]; then same=$((same + 1)); else same=0; fi
  last=$now
  [ $same -ge 5 ] && break
done
for _ in $(seq 20); do
  before=$(cat /sys/fs/cgroup/pids/$PARENT/$A/pids.current)
  out=$(C ubc)
  pc=$(cat /sys/fs/cgroup/pids/$PARENT/$A/pids.current)
  [ "$before" = "$pc" ] && break
  sleep 0.1
done
check "ubc text parses (Version 2.5, fixed widths, one block per CT)" P <<< "$out"
check "numproc held = pids.current ($pc)" P "$A:numproc:held:==:$pc" <<< "$out"
check "numproc barrier = limit = 50" P "$A:numproc:barrier:==:50" "$A:numproc:limit:==:50" <<< "$out"
check "physpages limit = 64M in pages" P "$A:physpages:limit:==:16384" "$A:physpages:barrier:==:0" <<< "$out"
check "physpages maxheld >= held" bash -c "P () { python3 '$ROOT/ubc-parse.py' \"\$@\"; }; h=\$('$BIN' --root '$ROOT' -j ubc $A | python3 -c 'import json,sys; print(json.load(sys.stdin)[0][\"beancounters\"][\"physpages\"][\"held\"])'); P '$A:physpages:maxheld:>=:'\$h <<< '$out'"
check "numpty limit = 8" P "$A:numpty:limit:==:8" <<< "$out"
check "kmemsize, numtcpsock, numothersock, numfile, shmpages, swappages rows" \
  P "$A:kmemsize:held:>:0" "$A:numtcpsock:held:>=:0" "$A:numothersock:held:>=:0" "$A:numfile:held:>:0" \
    "$A:shmpages:held:>=:0" "$A:swappages:held:>=:0" <<< "$out"
check "unlimited is LONG_MAX" P "$B:numproc:limit:==:9223372036854775807" <<< "$out"
check "no fake rows (privvmpages, numsiginfo have no honest source)" bash -c "! grep -qE 'privvmpages|numsiginfo|vmguarpages|dummy' <<< '$out'"
if [ "$(sed -n 's/^LAYOUT="\(.*\)"/\1/p' "$ROOT/conf/$A.conf")" = image ]; then
  check "diskspace/diskinodes rows from the image" P "$A:diskspace:held:>:0" "$A:diskspace:limit:>:100000" "$A:diskinodes:held:>:0" <<< "$out"
fi

# numtcpsock counts sockets of the CT's own netns.
( C exec $A -- nc -l -p 8080 >/dev/null 2>&1 & )
wait_for 5 bash -c "'$BIN' --root '$ROOT' ubc $A | python3 '$ROOT/ubc-parse.py' '$A:numtcpsock:held:>=:1'"
check "numtcpsock sees a listening socket in the CT" bash -c "'$BIN' --root '$ROOT' ubc | python3 '$ROOT/ubc-parse.py' '$A:numtcpsock:held:>=:1' '$B:numtcpsock:held:==:0'"
check "numtcpsock maxheld is kept in userspace (run/$A.ubc)" grep -q '^NUMTCPSOCK="[1-9]' "$ROOT/run/$A.ubc"
C exec $A -- sh -c 'kill $(pidof nc)' >/dev/null 2>&1
wait_for 5 bash -c "'$BIN' --root '$ROOT' ubc $A | python3 '$ROOT/ubc-parse.py' '$A:numtcpsock:held:==:0'"
check "numtcpsock maxheld stays after the socket closed" bash -c "'$BIN' --root '$ROOT' ubc $A | python3 '$ROOT/ubc-parse.py' '$A:numtcpsock:held:==:0' '$A:numtcpsock:maxheld:>=:1'"

# failcnt from the kernel's own counters
C exec $A -- awk 'BEGIN { s = "xxxxxxxxxxxxxxxx"; while (1) s = s s }' >/dev/null 2>&1
check "physpages failcnt rises after an OOM kill" bash -c "'$BIN' --root '$ROOT' ubc | python3 '$ROOT/ubc-parse.py' '$A:physpages:failcnt:>=:1' '$B:physpages:failcnt:==:0'"
C exec $A -- sh -c 'i=0; while [ $i -lt 80 ]; do sleep 5 & i=$((i+1)); done 2>/dev/null; true' >/dev/null 2>&1
check "numproc failcnt rises when fork is refused" bash -c "'$BIN' --root '$ROOT' ubc $A | python3 '$ROOT/ubc-parse.py' '$A:numproc:failcnt:>=:1' '$A:numproc:maxheld:==:50'"

check "ubc -j is JSON with the same rows" bash -c "'$BIN' --root '$ROOT' ubc -j $A | python3 -c 'import json,sys; d=json.load(sys.stdin); b=d[0][\"beancounters\"]; assert d[0][\"ctid\"]==$A and b[\"numproc\"][\"limit\"]==50 and b[\"physpages\"][\"failcnt\"]>=1, d'"
C stop --fast $B >/dev/null
out=$(C ubc $B 2>&1); rc=$?
check "ubc of a stopped CT: not_running (31)" bash -c "[ $rc = 31 ] && grep -q not_running <<< '$out'"
check "ubc lists only running CTs" bash -c "'$BIN' --root '$ROOT' ubc | python3 -c 'import sys; t=sys.stdin.read(); assert \"$A:\" in t and \"$B:\" not in t'"

# stats -j
C exec $A -- ping -c 3 -W 1 ${SUBNET_PREFIX}1 >/dev/null 2>&1
js=$(C -j stats)
check "stats -j lists the running CT" python3 -c "import json,sys; d=json.loads(sys.argv[1]); assert [c['ctid'] for c in d['cts']] == [$A], d" "$js"
check "stats -j: memory limit and processes" python3 -c "import json,sys; c=json.loads(sys.argv[1])['cts'][0]; assert c['memory']['limit']==67108864 and c['processes']['limit']==50 and c['processes']['current']>=1 and c['cpu_ns']>0, c" "$js"
check "stats -j: the CT's pings counted as its tx and rx (host veth reversed)" python3 -c "import json,sys; n=json.loads(sys.argv[1])['cts'][0]['net']; assert n['tx_packets']>=3 and n['rx_packets']>=3 and n['tx_bytes']>0, n" "$js"
check "stats -j: the OOM kill and the refused fork are counted" python3 -c "import json,sys; c=json.loads(sys.argv[1])['cts'][0]; assert c['memory']['oom_kills']>=1 and c['processes']['failcnt']>=1, c" "$js"
if [ "$(sed -n 's/^LAYOUT="\(.*\)"/\1/p' "$ROOT/conf/$A.conf")" = image ]; then
  check "stats -j: disk used and inodes from the image" python3 -c "import json,sys; d=json.loads(sys.argv[1])['cts'][0]['disk']; assert d['used']>0 and d['total']>d['used'] and d['inodes_used']>0, d" "$js"
fi
check "stats --interval keeps sampling (3 JSON lines)" bash -c "[ \$('$BIN' --root '$ROOT' -j stats --interval 50 --count 3 | python3 -c 'import json,sys; print(sum(1 for l in sys.stdin if json.loads(l)[\"cts\"]))') = 3 ]"
C stop --fast $A >/dev/null
[ $T_FAILED = 0 ]
