# Shared by the system tests: a private node (CORRAL_ROOT, bridge, subnet,
# cgroup parent, ID base) so tests never touch a real node, a busybox
# template, TAP helpers and cleanup of everything a test made.
BIN=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build/corralctl
T_N=0 T_FAILED=0

ok () { T_N=$((T_N + 1)); echo "ok $T_N - $1"; }
nok () { T_N=$((T_N + 1)); T_FAILED=$((T_FAILED + 1)); echo "not ok $T_N - $1"; [ -n "${2:-}" ] && echo "# $2"; }
check () { local name=$1; shift; if "$@"; then ok "$name"; else nok "$name"; fi; }

node_setup () {
  [ "$(id -u)" = 0 ] || { echo "needs root"; exit 77; }
  [ -x "$BIN" ] || { echo "build corralctl first"; exit 77; }
  local tag=$((RANDOM % 200 + 20))
  ROOT=$(mktemp -d /tmp/corral-sys.XXXXXX)
  chmod 755 "$ROOT"   # CT root must be able to walk to its tree
  BRIDGE=ctt$$
  SUBNET_PREFIX=10.$tag.$((RANDOM % 250)).
  cat > "$ROOT/node.conf" <<CONF
BRIDGE=$BRIDGE
SUBNET=${SUBNET_PREFIX}0/24
CGROUP_PARENT=corral-systest-$$
IDMAP_BASE=300000000
VETH_PREFIX=ts
STOP_TIMEOUT=10
CONF
  trap node_cleanup EXIT
  trap 'exit 1' INT TERM HUP   # so the EXIT trap cleans up
  C () { "$BIN" --root "$ROOT" "$@"; }
  C template build busybox >/dev/null 2>&1 || { echo "cannot build the busybox template"; exit 77; }
}

node_cleanup () {
  local f id
  for f in "$ROOT"/conf/*.conf; do
    [ -e "$f" ] || continue
    id=$(basename "$f" .conf)
    "$BIN" --root "$ROOT" stop --fast "$id" >/dev/null 2>&1
    "$BIN" --root "$ROOT" destroy "$id" >/dev/null 2>&1
  done
  # What a create killed midway left has no config: destroy finds it too.
  for f in "$ROOT"/private/*; do
    [ -e "$f" ] && "$BIN" --root "$ROOT" destroy "$(basename "$f")" >/dev/null 2>&1
  done
  # The node's lxcfs (started by the first CT start; see lxcfs.c): by PID.
  if [ -f "$ROOT/run/lxcfs.pid" ]; then
    local lx; lx=$(cat "$ROOT/run/lxcfs.pid")
    [ -n "$lx" ] && kill "$lx" 2>/dev/null && for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$lx" 2>/dev/null || break; sleep 0.1; done
  fi
  umount -l "$ROOT/lxcfs" 2>/dev/null
  ip link del "$BRIDGE" >/dev/null 2>&1
  nft delete table bridge "corral_$BRIDGE" >/dev/null 2>&1
  # A monitor that just exited stays in its cgroup until PID 1 reaps it,
  # so the cgroup directories may refuse rmdir for a moment.
  local try
  for try in $(seq 100); do
    for d in /sys/fs/cgroup/*/corral-systest-$$; do
      [ -d "$d" ] || continue
      for sub in "$d"/*/; do rmdir "$sub" 2>/dev/null; done
      rmdir "$d" 2>/dev/null
    done
    ls -d /sys/fs/cgroup/*/corral-systest-$$ >/dev/null 2>&1 || break
    sleep 0.1
  done
  grep -q " $ROOT/" /proc/self/mountinfo || rm -rf "$ROOT"
}

# wait_for SECONDS CMD...: poll until CMD succeeds.
wait_for () {
  local end=$((SECONDS + $1)); shift
  until "$@"; do [ $SECONDS -ge $end ] && return 1; sleep 0.1; done
}

running () { C status "$1" | grep -q ' running'; }
# A value of the CT's state file (run/<CTID>.state), e.g. MONITOR_PID.
state_val () { sed -n "s/^$2=\"\(.*\)\"/\1/p" "$ROOT/run/$1.state"; }
# The monitor holds init's mount namespace once its start report is sent
# (monitor.c, monitor_hold_mounts).
monitor_mntns () { local f; for f in /proc/$(state_val "$1" MONITOR_PID)/fd/*; do readlink "$f"; done | grep '^mnt:'; }
init_mntns () { readlink "/proc/$(state_val "$1" INIT_PID)/ns/mnt"; }
holds_init_mntns () { monitor_mntns "$1" | grep -qxF "$(init_mntns "$1")"; }
holds_only_init_mntns () { [ "$(monitor_mntns "$1")" = "$(init_mntns "$1")" ]; }
stopped () { ! running "$1"; }
