#!/bin/bash
# corralctl is linked statically and runs the commands that read archives in
# corralctl-dynamic beside it (native/README.md): the two binaries are what
# they should be, global flags reach the twin, and a corralctl copied without
# its twin refuses those commands with exit 110 naming the file, creating
# nothing, while every other command still works.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 77; }
[ -x "$BIN" ] || { echo "build corralctl first"; exit 77; }
TWIN=$(dirname "$BIN")/corralctl-dynamic

ROOT=$(mktemp -d /tmp/corral-static.XXXXXX)
cleanup () { rm -rf "$ROOT"; }
trap cleanup EXIT
cat > "$ROOT/node.conf" <<CONF
BRIDGE=cts$$
SUBNET=10.77.$((RANDOM % 250)).0/24
CGROUP_PARENT=corral-systest-$$
IDMAP_BASE=300000000
VETH_PREFIX=tx
CONF

check "corralctl has no program interpreter (static)" sh -c "! readelf -l '$BIN' | grep -q 'Requesting program interpreter'"
check "corralctl-dynamic is dynamically linked" sh -c "readelf -l '$TWIN' | grep -q 'Requesting program interpreter'"
check "corralctl maps no shared library" sh -c "! readelf -d '$BIN' 2>/dev/null | grep -q NEEDED"

out=$("$BIN" -j --root "$ROOT" template list 2>"$ROOT/err"); rc=$?
check "template list runs in the twin with -j and --root" python3 -c "import json,sys; assert json.loads(sys.argv[1])['templates']==[]" "$out"
check "template list exits 0" test $rc = 0

mkdir "$ROOT/alone"
cp "$BIN" "$ROOT/alone/corralctl"
A () { "$ROOT/alone/corralctl" --root "$ROOT" "$@"; }
for cmd in "template list" "create 150 --ostemplate busybox" "reinstall 150"; do
  # shellcheck disable=SC2086
  A $cmd >/dev/null 2>"$ROOT/err"; rc=$?
  check "without its twin, \`$cmd\` exits 110" test $rc = 110
  check "without its twin, \`$cmd\` names the missing file" grep -q "\"code\":\"unsupported\".*$ROOT/alone/corralctl-dynamic.*make -C native" "$ROOT/err"
done
check "without its twin, nothing was created" test ! -e "$ROOT/conf/150.conf" -a ! -e "$ROOT/private/150"
out=$(A list -a -H); rc=$?
check "without its twin, list still works" test $rc = 0 -a -z "$out"
out=$(A status 150); rc=$?
check "without its twin, status works (150 deleted)" test $rc = 0 -a "$out" = "CTID 150 deleted unmounted down"

[ $T_FAILED = 0 ]
