#!/bin/bash
# corralctl template: build busybox, list, import good archives in every
# compression and each kind of malicious one (exit 21, nothing written),
# remove; extraction with the uid shift; the busybox template boots to a
# console login (password set from the host) under a stand-in for the
# runtime.  CORRAL_SLOW=1 also builds debian-12 and boots it with systemd,
# a network and sshd answering from the host.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/helpers/build-testdrv.sh"
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 77; }
[ -x "$BIN" ] || { echo "build corralctl first"; exit 77; }
[ -x /bin/busybox ] || { echo "needs busybox-static"; exit 77; }
HELP=$(cd "$(dirname "$0")/helpers" && pwd)

ROOT=$(mktemp -d /tmp/corral-tmpl.XXXXXX)
chmod 755 "$ROOT"
SHIFT=310000000
export CORRAL_ROOT=$ROOT
cleanup () {
  [ -n "${NETUP:-}" ] && { "$ROOT/testdrv" node-down; ip link del "ctm$$"; } >/dev/null 2>&1
  grep -q " $ROOT/" /proc/self/mountinfo || rm -rf "$ROOT"
}
trap cleanup EXIT
C () { "$BIN" --root "$ROOT" "$@"; }
TD=$ROOT/template

out=$(C -j template build busybox 2>"$ROOT/err"); rc=$?
check "build busybox exits 0" test $rc = 0
check "build prints one JSON document on stdout" python3 -c "import json,sys; d=json.loads(sys.argv[1]); assert d['template']['name']=='busybox' and d['template']['init']=='busybox'" "$out"
check "build progress goes to stderr" grep -q "packing" "$ROOT/err"
check "the cache and its metadata exist" test -f "$TD/busybox.tar.zst" -a -f "$TD/busybox.json"
check "no build leftovers" sh -c "! ls -A '$TD' | grep -q '^\\.'"
out=$(C -j template list)
check "list -j shows busybox" python3 -c "import json,sys; t=json.loads(sys.argv[1])['templates']; assert [x['name'] for x in t]==['busybox'] and t[0]['size']>0" "$out"
check "list (text) has a header and the row" sh -c "'$BIN' --root '$ROOT' template list | grep -q '^busybox .*busybox'"
exec 8>"$ROOT/run/template-busybox.lock"; flock 8
C template build busybox >/dev/null 2>&1; rc=$?
exec 8>&-
check "a build while another holds the lock fails with exit 9" test $rc = 9

# Archives: one good, one per malicious kind.
python3 - "$ROOT/arc" <<'PY'
import io, os, sys, tarfile
d = sys.argv[1]; os.mkdir(d)
def add(t, name, kind=tarfile.REGTYPE, link="", mode=0o644, uid=0, data=b"x\n"):
    i = tarfile.TarInfo(name); i.type = kind; i.linkname = link; i.mode = mode; i.uid = i.gid = uid
    if kind == tarfile.REGTYPE:
        i.size = len(data); t.addfile(i, io.BytesIO(data))
    else:
        t.addfile(i)
def good(t):
    add(t, "./", tarfile.DIRTYPE, mode=0o755)
    for dname in ("bin", "sbin", "etc", "home", "home/u"):
        add(t, "./" + dname, tarfile.DIRTYPE, mode=0o755, uid=1000 if dname == "home/u" else 0)
    add(t, "./bin/busybox", data=b"#!/bin/sh\n", mode=0o755)
    add(t, "./bin/su", mode=0o4755)
    add(t, "./bin/sh", tarfile.SYMTYPE, "busybox")
    add(t, "./sbin/init", tarfile.SYMTYPE, "/bin/busybox")
    add(t, "./etc/localtime", tarfile.SYMTYPE, "/usr/share/zoneinfo/UTC")
    add(t, "./bin/sh2", tarfile.LNKTYPE, "./bin/busybox")
    add(t, "./home/u/file", uid=1000)
for ext, mode in ((".tar", "w"), (".tar.gz", "w:gz"), (".tar.xz", "w:xz")):
    with tarfile.open(f"{d}/good{ext}", mode, format=tarfile.GNU_FORMAT) as t:
        good(t)
bad = {
    "absolute": [("/etc/passwd", tarfile.REGTYPE, "")],
    "dotdot": [("../escape", tarfile.REGTYPE, "")],
    "dotdot-inner": [("a/../../escape", tarfile.REGTYPE, "")],
    "chardev": [("dev/sda", tarfile.CHRTYPE, "")],
    "blockdev": [("dev/sdb", tarfile.BLKTYPE, "")],
    "symlink-escape": [("etc/evil", tarfile.SYMTYPE, "../../../etc")],
    "hardlink-escape": [("h", tarfile.LNKTYPE, "/etc/shadow")],
    "hardlink-dotdot": [("h", tarfile.LNKTYPE, "../../etc/shadow")],
    "below-symlink": [("d", tarfile.SYMTYPE, "/etc"), ("d/cron.d/x", tarfile.REGTYPE, "")],
}
for name, members in bad.items():
    with tarfile.open(f"{d}/{name}.tar.gz", "w:gz", format=tarfile.GNU_FORMAT) as t:
        add(t, "./etc", tarfile.DIRTYPE, mode=0o755)
        add(t, "./etc/ok", data=b"fine\n")
        for m, k, l in members:
            add(t, m, k, l)
PY
zstd -q "$ROOT/arc/good.tar" -o "$ROOT/arc/good.tar.zst"
for ext in tar tar.gz tar.xz tar.zst; do
  n=good-${ext//./-}
  check "import a good .$ext" sh -c "'$BIN' --root '$ROOT' template import '$ROOT/arc/good.$ext' $n >/dev/null"
done
check "imported caches keep their compression" test -f "$TD/good-tar.tar" -a -f "$TD/good-tar-gz.tar.gz" -a -f "$TD/good-tar-xz.tar.xz" -a -f "$TD/good-tar-zst.tar.zst"
check "import detects the busybox init" sh -c "'$BIN' --root '$ROOT' -j template list | grep -q '\"name\":\"good-tar-gz\",\"os\":\"imported\",\"init\":\"busybox\"'"

snapshot () { (cd "$ROOT" && find template run -printf '%p %s\n' | sort); }
before=$(snapshot)
declare -A member=([absolute]=/etc/passwd [dotdot]=../escape [dotdot-inner]=a/../../escape [chardev]=dev/sda
  [blockdev]=dev/sdb [symlink-escape]=etc/evil [hardlink-escape]=h [hardlink-dotdot]=h [below-symlink]=d/cron.d/x)
for kind in absolute dotdot dotdot-inner chardev blockdev symlink-escape hardlink-escape hardlink-dotdot below-symlink; do
  err=$(C template import "$ROOT/arc/$kind.tar.gz" "bad-$kind" 2>&1 >/dev/null); rc=$?
  if [ $rc = 21 ] && echo "$err" | grep -qF "\`${member[$kind]}\`" && echo "$err" | grep -q '"code":"bad_template"'; then
    ok "import $kind: exit 21 naming \`${member[$kind]}\`"
  else
    nok "import $kind: exit 21 naming \`${member[$kind]}\`" "rc=$rc $err"
  fi
done
after=$(snapshot)
check "nothing was written by the rejected imports" test "$before" = "$after"
[ "$before" = "$after" ] || diff <(echo "$before") <(echo "$after") | sed "s/^/# /"
check "and none of them is listed" sh -c "! '$BIN' --root '$ROOT' template list | grep -q '^bad-'"
for name in ../x Bad -x "" a/b; do
  C template import "$ROOT/arc/good.tar" "$name" >/dev/null 2>&1; rc=$?
  check "template name '$name' refused with exit 21" test $rc = 21
done
head -c 4096 /dev/urandom > "$ROOT/arc/junk.tar"
C template import "$ROOT/arc/junk.tar" junk >/dev/null 2>&1; rc=$?
check "a file that is not a tarball is refused with exit 21" test $rc = 21
C template import "$ROOT/arc/missing.tar" m >/dev/null 2>&1; rc=$?
check "a missing file is refused with exit 21" test $rc = 21
check "still nothing written" test "$before" = "$(snapshot)"

# Extraction, the way create does it.
build_testdrv "$ROOT/testdrv" || { nok "build the test driver"; exit 1; }
mkdir "$ROOT/ct1"
check "extract an imported template with the id shift" "$ROOT/testdrv" extract good-tar-gz "$ROOT/ct1" $SHIFT
check "files are owned by the shifted ids" test "$(stat -c %u:%g "$ROOT/ct1/bin/busybox")" = "$SHIFT:$SHIFT"
check "CT user 1000 becomes base+1000" test "$(stat -c %u "$ROOT/ct1/home/u/file")" = $((SHIFT + 1000))
check "setuid bit survives the chown" test "$(stat -c %a "$ROOT/ct1/bin/su")" = 4755
check "symlinks are not followed or rewritten" test "$(readlink "$ROOT/ct1/sbin/init")" = /bin/busybox
check "hard links stay hard links" test "$(stat -c %i "$ROOT/ct1/bin/busybox")" = "$(stat -c %i "$ROOT/ct1/bin/sh2")"
mkdir "$ROOT/ct0"
"$ROOT/testdrv" extract nosuch "$ROOT/ct0" $SHIFT >/dev/null 2>&1; rc=$?
check "extracting an unknown template exits 91" test $rc = 91

# The busybox template boots to a console login.
mkdir "$ROOT/ct2"
"$ROOT/testdrv" extract busybox "$ROOT/ct2" $SHIFT &&
  "$ROOT/testdrv" ctfiles "$ROOT/ct2" bb-test 10.77.0.1 24 10.77.0.9 10.77.0.1 &&
  "$ROOT/testdrv" passwd "$ROOT/ct2" root 'Pa ss:42'
check "extract + CT files + password on the busybox template" test $? = 0
check "root's hash is SHA-512" grep -q '^root:\$6\$' "$ROOT/ct2/etc/shadow"
check "shadow stays CT-root owned, mode 600" test "$(stat -c %u:%a "$ROOT/ct2/etc/shadow")" = "$SHIFT:600"
check "network config for the busybox rcS" grep -q 'ADDRESSES="10.77.0.9/24"' "$ROOT/ct2/etc/corral/network"
out=$(python3 "$HELP/boot-console.py" "$ROOT/ct2" $SHIFT 'Pa ss:42' 20 2>&1); rc=$?
echo "$out" | sed 's/^/# /'
check "busybox init boots to a console login; root logs in with the password" sh -c "echo '$out' | grep -q 'login ok: hello-0-bb-test'"
check "chpasswd inside the CT, then login with the new password" sh -c "echo '$out' | grep -q 'chpasswd + login ok'"
check "poweroff from the console ends init" test $rc = 0

if [ "${CORRAL_SLOW:-}" = 1 ]; then
  out=$(C -j template build debian-12 2>/dev/null); rc=$?
  check "build debian-12 (slow)" test $rc = 0
  check "debian-12 uses systemd" sh -c "echo '$out' | grep -q '\"init\":\"systemd\"'"
  for _ in $(seq 20); do NET=10.198.$((RANDOM % 200 + 20)); ip -4 -o addr | grep -q " $NET\\." || break; done
  printf 'BRIDGE=ctm%s\nSUBNET=%s.0/24\nVETH_PREFIX=tm\n' $$ "$NET" > "$ROOT/node.conf"
  mkdir "$ROOT/ct3"
  "$ROOT/testdrv" extract debian-12 "$ROOT/ct3" $SHIFT &&
    "$ROOT/testdrv" ctfiles "$ROOT/ct3" deb-test "$NET.1" 24 "$NET.21" "$NET.1" &&
    "$ROOT/testdrv" passwd "$ROOT/ct3" root 'Pa ss:42'
  NETUP=1
  out=$(BOOT_NET="105 $NET.21 $ROOT/testdrv" BOOT_EXTRA='echo state=$(systemctl is-system-running --wait); systemctl --failed --no-legend' \
        python3 "$HELP/boot-console.py" "$ROOT/ct3" $SHIFT 'Pa ss:42' 90 systemd 2>&1); rc=$?
  echo "$out" | sed 's/^/# /'
  check "debian-12 boots systemd to a console login" sh -c "echo '$out' | grep -q 'login ok: .*hello-0-deb-test'"
  check "no failed units (ifupdown is happy with the host-configured eth0)" sh -c "echo '$out' | grep -q 'state=running'"
  check "its sshd answers from the host" sh -c "echo '$out' | grep -q 'sshd answers from the host: SSH-2.0-OpenSSH'"
  check "poweroff ends systemd" test $rc = 0
  C template remove debian-12 >/dev/null
fi

check "remove an imported template" sh -c "'$BIN' --root '$ROOT' template remove good-tar >/dev/null"
check "its cache and metadata are gone" sh -c "! ls '$TD' | grep -q '^good-tar\\.'"
C template remove good-tar >/dev/null 2>&1; rc=$?
check "removing it again exits 91" test $rc = 91
exit $((T_FAILED > 0))
