#!/bin/bash
# CT networking through the library (net_ct_up/set_ips/down), with two fake
# CTs: processes in their own network and PID namespaces.  Checks addressing,
# CT-to-CT traffic over the bridge, and that a CT cannot send from another
# CT's address or MAC (IP, ARP).  Everything runs on a test-only bridge,
# subnet and veth prefix, and is removed at the end.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/helpers/build-testdrv.sh"
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 77; }
for t in /usr/sbin/ip /usr/sbin/nft /bin/busybox python3; do
  command -v $t >/dev/null || { echo "needs $t"; exit 77; }
done

ROOT=$(mktemp -d /tmp/corral-net.XXXXXX)
BR=ctn$$
# A /24 no interface uses yet (other test nodes pick 10.x subnets too).
for _ in $(seq 20); do
  NET=10.199.$((RANDOM % 200 + 20))
  ip -4 -o addr | grep -q " $NET\." || break
done
GW=$NET.1 IPA=$NET.11 IPB=$NET.12 IPA2=$NET.13
printf 'BRIDGE=%s\nSUBNET=%s.0/24\nVETH_PREFIX=tn\n' "$BR" "$NET" > "$ROOT/node.conf"
export CORRAL_ROOT=$ROOT
D=$ROOT/testdrv
PIDFILE=$ROOT/pids
cleanup () {
  # The fake CTs' sleeps are PID 1 of their namespaces: only SIGKILL works.
  [ -f "$PIDFILE" ] && while read -r p; do kill -9 "$p" 2>/dev/null; done < "$PIDFILE"
  [ -x "$D" ] && { "$D" net-down 101; "$D" net-down 102; "$D" node-down; } >/dev/null 2>&1
  ip link del "$BR" 2>/dev/null
  nft delete table bridge "corral_$BR" 2>/dev/null
  nft delete table inet "corral_$BR" 2>/dev/null
  rm -rf "$ROOT"
}
trap cleanup EXIT
build_testdrv "$D" || { echo "cannot build the test driver"; exit 77; }

# fake_ct: a process in new net+pid namespaces; prints its host PID.  It
# runs in $(...), a subshell, so PIDs go through a file, not an array.
fake_ct () {
  unshare --net --pid --fork --mount-proc sleep 600 >/dev/null 2>&1 &
  local u=$! p=
  echo "$u" >> "$PIDFILE"
  for _ in $(seq 50); do p=$(pgrep -P "$u" sleep) && break; sleep 0.05; done
  echo "$p" >> "$PIDFILE"
  echo "$p"
}
in_ct () { local p=$1; shift; nsenter -t "$p" -n "$@" >/dev/null; }
# The node's guard chain counts every CT's drops; each check below looks at
# the change across one CT's probe.
counter () { nft list chain bridge "corral_$BR" guard | grep "$1" | sed -n 's/.*packets \([0-9]*\).*/\1/p'; }
in_set () { nft list set bridge "corral_$BR" "$1" | tr -d '\n\t' | grep -q -- "$2"; }

PA=$(fake_ct) PB=$(fake_ct)
check "two fake CTs started" test -n "$PA" -a -n "$PB"

check "net-up CT 101" "$D" net-up 101 "$PA" "$IPA"
check "net-up CT 102" "$D" net-up 102 "$PB" "$IPB"
check "bridge has the gateway address" sh -c "ip -br addr show $BR | grep -q ' $GW/24'"
check "host veth ends are bridge ports" sh -c "ip -br link show master $BR | grep -q '^tn101@' && ip -br link show master $BR | grep -q '^tn102@'"
check "eth0 in CT 101 has its address" sh -c "nsenter -t $PA -n ip -br addr show eth0 | grep -q ' $IPA/24'"
check "eth0 has the CT's fixed MAC" sh -c "nsenter -t $PA -n ip -br link show eth0 | grep -q '02:c7:00:00:00:65'"
check "lo is up in the CT" sh -c "nsenter -t $PA -n ip -br link show lo | grep -q UNKNOWN"
check "default route via the gateway" sh -c "nsenter -t $PA -n ip route show default | grep -q 'via $GW dev eth0'"
check "CT 101 pings CT 102 over the bridge" in_ct "$PA" busybox ping -c 1 -W 2 "$IPB"
check "CT 101 pings the gateway" in_ct "$PA" busybox ping -c 1 -W 2 "$GW"

# UDP from a chosen source address to a listener on the host's gateway
# address: arrives from the CT's own address, never from B's.
udp_probe () {  # PID SRC -> prints "got" if the datagram arrived
  python3 - "$GW" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 47001)); s.settimeout(2)
try:
    s.recvfrom(100); print("got")
except socket.timeout:
    print("none")
PY
  local l=$!
  sleep 0.3
  nsenter -t "$1" -n python3 -c "
import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('$2', 0)); [s.sendto(b'x', ('$GW', 47001)) for _ in range(3)]"
  wait $l
}
check "UDP from CT 101's own address arrives" test "$(udp_probe "$PA" "$IPA")" = got
in_ct "$PA" ip addr add "$IPB/32" dev eth0
before=$(counter "spoofed address")
check "UDP from CT 102's address sent by CT 101 does not arrive" test "$(udp_probe "$PA" "$IPB")" = none
check "ping with CT 102's source address gets no reply" sh -c "! nsenter -t $PA -n busybox ping -c 1 -W 1 -I $IPB $GW >/dev/null"
after=$(counter "spoofed address")
check "the spoofed packets hit the drop counter ($before -> $after)" test "$after" -ge $((before + 4))
# Nothing leaves the node: traffic to an outside address via the gateway
# is dropped at the bridge, whatever the host's ip_forward says.
before=$(counter "outside the node subnet")
nsenter -t "$PA" -n python3 -c "
import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
[s.sendto(b'x', ('192.0.2.99', 47002)) for _ in range(3)]"
after=$(counter "outside the node subnet")
check "packets to an outside address are dropped at the bridge ($before -> $after)" test "$after" -ge $((before + 3))
# ARP: announce B's address from A; the host must not learn A's MAC for it.
ip neigh flush dev "$BR" 2>/dev/null
in_ct "$PA" busybox arping -c 2 -U -s "$IPB" -I eth0 "$GW" >/dev/null 2>&1
check "spoofed ARP does not poison the host's neighbour table" \
  sh -c "! ip neigh show $IPB dev $BR | grep -q 02:c7:00:00:00:65"
in_ct "$PA" ip addr del "$IPB/32" dev eth0
# MAC: a CT that changes its MAC is cut off.
in_ct "$PA" ip link set eth0 address 02:c7:00:00:00:66
check "CT with a changed MAC cannot reach CT 102" sh -c "! nsenter -t $PA -n busybox ping -c 1 -W 1 $IPB >/dev/null"
check "and the spoofed-MAC counter counts it" test "$(counter 'spoofed MAC"')" -gt 0
in_ct "$PA" ip link set eth0 address 02:c7:00:00:00:65
check "restored MAC reaches CT 102 again" in_ct "$PA" busybox ping -c 1 -W 2 "$IPB"

# Live ipadd / ipdel.
check "net-set adds a second address" "$D" net-set 101 "$PA" "$IPA,$IPA2"
check "eth0 has both addresses" sh -c "nsenter -t $PA -n ip -br addr show eth0 | grep -q '$IPA/24.*$IPA2/24'"
check "the new address reaches CT 102" in_ct "$PA" busybox ping -c 1 -W 2 -I "$IPA2" "$IPB"
check "net-set drops the first (primary) address" "$D" net-set 101 "$PA" "$IPA2"
check "only the second address is left, route kept" sh -c "nsenter -t $PA -n ip -br addr show eth0 | grep -v -q '$IPA/' && nsenter -t $PA -n ip route show default | grep -q $GW"
set_follows () { in_set ct_ip4 "\"tn101\" . $IPA2[ ,}]" && ! in_set ct_ip4 "\"tn101\" . $IPA[ ,}]"; }
check "the anti-spoof set follows" set_follows
check "CT 102's address is untouched" in_set ct_ip4 "\"tn102\" . $IPB[ ,}]"
in_ct "$PA" ip addr add "$IPA/32" dev eth0
check "the removed address can no longer send" test "$(udp_probe "$PA" "$IPA")" = none
in_ct "$PA" ip addr del "$IPA/32" dev eth0

out=$("$D" net-set 101 "$PA" 192.168.7.7 2>&1); rc=$?
check "an address outside the subnet is refused with exit 21" test $rc = 21
check "the error names the address" sh -c "echo '$out' | grep -q '192.168.7.7'"
check "and nothing changed" sh -c "nsenter -t $PA -n ip -br addr show eth0 | grep -q '$IPA2/24'"
out=$("$D" net-set 101 "$PA" "$GW" 2>&1); rc=$?
check "the gateway address is refused with exit 21" test $rc = 21

# A CT without addresses gets no eth0 (and no nft work); the first live
# address brings it up.
PC=$(fake_ct)
check "net-up without addresses" "$D" net-up 103 "$PC" ""
# What is left of a CT's port (its veth, its quoted name in the bridge
# table), printed on stderr when there is any: these two checks failed once
# each in full runs (not alone), and the next failure should say with what.
no_traces () {
  local hits
  hits=$({ [ "$2" = veth ] && ip -o link show "$1" 2>/dev/null; nft list table bridge "corral_$BR" 2>&1 | grep -F "\"$1\""; })
  [ -z "$hits" ] || { printf '%s\n' "$hits" | sed 's/^/#   left: /' >&2; return 1; }
}
check "gives no veth and no rules" no_traces tn103 veth
check "the first address added live creates eth0" "$D" net-set 103 "$PC" "$NET.14"
check "which then reaches CT 102" in_ct "$PC" busybox ping -c 1 -W 2 "$IPB"
check "net-down CT 103" sh -c "'$D' net-down 103 && ! ip link show tn103 2>/dev/null"
PD=$(fake_ct)
"$D" net-up 104 "$PD" ""
if command -v strace >/dev/null; then
  strace -f -qq -e trace=execve -o "$ROOT/strace" "$D" net-down 104
  check "net-down of a CT that never had addresses runs no ip or nft" sh -c "! grep -q -e /usr/sbin/ip -e /usr/sbin/nft '$ROOT/strace'"
fi

check "net-down CT 101" "$D" net-down 101
check "its veth is gone" sh -c "! ip link show tn101 2>/dev/null"
check "its port, MAC and addresses are gone" no_traces tn101 rules
b_stays () { in_set ct_port '"tn102"' && in_set ct_mac '"tn102" . 02:c7:00:00:00:66' && in_set ct_ip4 "\"tn102\" . $IPB[ ,}]"; }
check "CT 102's stay" b_stays
check "net-down again is a no-op" "$D" net-down 101
check "CT 102 still answers from the gateway side" sh -c "busybox ping -c 1 -W 2 $IPB >/dev/null"
check "net-down CT 102 and the node" sh -c "'$D' net-down 102 && '$D' node-down"
check "no bridge or tables left" sh -c "! ip link show $BR 2>/dev/null && ! nft list tables | grep -q corral_$BR"
exit $((T_FAILED > 0))
