#!/bin/bash
# A Debian 12 CT (systemd) boots to a login prompt on its console and
# answers on its sshd port from the host; systemd's own poweroff signal
# stops it gracefully.  Builds the template with debootstrap from Debian's
# default mirror first (~1 min here), which is part of what is tested: a
# build that fails is a failure, its log's tail printed.  To iterate faster,
# CORRAL_DEBIAN_CACHE may name a directory holding a built
# debian-12.tar.zst + debian-12.json (copied into the test node instead);
# CORRAL_SKIP_DEBIAN=1 skips the file.
source "$(dirname "$0")/lib.sh"
if [ -n "${CORRAL_SKIP_DEBIAN:-}" ]; then
  echo "CORRAL_SKIP_DEBIAN is set"; exit 77
fi
node_setup
if [ -n "${CORRAL_DEBIAN_CACHE:-}" ] && [ -f "$CORRAL_DEBIAN_CACHE/debian-12.tar.zst" ]; then
  cp "$CORRAL_DEBIAN_CACHE"/debian-12.tar.zst "$CORRAL_DEBIAN_CACHE"/debian-12.json "$ROOT/template/"
else
  check "template build debian-12 (debootstrap)" bash -c "'$BIN' --root '$ROOT' template build debian-12 >/dev/null 2>'$ROOT/debian-build.err' || { tail -5 '$ROOT/debian-build.err' | sed 's/^/#   /'; exit 1; }"
  [ $T_FAILED = 0 ] || exit 1
fi
ID=$((3500 + RANDOM % 500))
IP=${SUBNET_PREFIX}30
check "create debian-12 CT" C create $ID --ostemplate debian-12 --hostname deb-$ID --ipadd $IP --userpasswd root:pw-$ID
check "start" C start $ID
check "boots to a login prompt on the console" wait_for 60 bash -c "'$BIN' --root '$ROOT' console --read-only $ID </dev/null | grep -q 'deb-$ID login:'"
check "systemd is PID 1" bash -c "[ \"\$('$BIN' --root '$ROOT' exec $ID -- cat /proc/1/comm)\" = systemd ]"
check "sshd answers from the host" wait_for 30 bash -c "timeout 3 bash -c 'exec 3<>/dev/tcp/$IP/22; head -c 8 <&3' | grep -q SSH-2.0"
check "no failed units" bash -c "! '$BIN' --root '$ROOT' exec $ID -- systemctl --failed --no-legend | grep -q ."
check "graceful stop (systemd poweroff)" C stop --timeout 30 $ID
check "stop reason halt" bash -c "'$BIN' --root '$ROOT' -j status $ID | grep -q '\"stop_reason\":\"halt\"'"
check "systemd's sub-cgroups removed with the CT's" bash -c "! ls -d /sys/fs/cgroup/*/corral-systest-$$/$ID 2>/dev/null | grep -q ."
[ $T_FAILED = 0 ]
