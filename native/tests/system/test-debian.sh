#!/bin/bash
# A Debian 12 CT (systemd) boots to a login prompt on its console and
# answers on its sshd port from the host; systemd's own poweroff signal
# stops it gracefully.  Slow (debootstrap): runs when CORRAL_SLOW=1, or
# when CORRAL_DEBIAN_CACHE names a directory holding a built
# debian-12.tar.zst + debian-12.json (copied into the test node).
source "$(dirname "$0")/lib.sh"
if [ -z "${CORRAL_SLOW:-}" ] && [ ! -f "${CORRAL_DEBIAN_CACHE:-/var/cache/corral-test}/debian-12.tar.zst" ]; then
  echo "set CORRAL_SLOW=1 (builds debian-12 with debootstrap) or CORRAL_DEBIAN_CACHE"; exit 77
fi
node_setup
if [ -f "${CORRAL_DEBIAN_CACHE:-/var/cache/corral-test}/debian-12.tar.zst" ]; then
  cp "${CORRAL_DEBIAN_CACHE:-/var/cache/corral-test}"/debian-12.* "$ROOT/template/"
else
  C template build debian-12 >/dev/null 2>&1 || { echo "debian-12 build failed"; exit 77; }
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
