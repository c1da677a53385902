#!/bin/bash
# The container-in-a-file disk: an ext4 image per CT on a loop device.
# --diskspace and --diskinodes at create, ENOSPC at the limit without
# touching the host or a neighbour, grow and shrink (shrink only stopped),
# e2fsck of a dirty image before mount, no loop device or mount left
# behind, and the dir layout as the fallback.
source "$(dirname "$0")/lib.sh"
node_setup
[ -w /dev/loop-control ] && command -v mkfs.ext4 >/dev/null || { echo "no loop devices or mkfs.ext4 here"; exit 77; }
D=$((1700 + RANDOM % 200)); E=$((D + 1)); F=$((D + 2))
IMG=$ROOT/private/$D/root.img
loops () { grep -l "^$ROOT/" /sys/block/loop*/loop/backing_file 2>/dev/null | wc -l; }
size_kb () { C exec $1 -- df -k / | awk 'NR==2 {print $2}'; }

check "create with --diskspace 100M --diskinodes 20000" C create $D --ostemplate busybox --diskspace 100M --diskinodes 20000
check "the image layout is the default here" grep -qx 'LAYOUT="image"' "$ROOT/conf/$D.conf"
check "the image file is 100M and sparse" bash -c "[ \$(stat -c %s '$IMG') = 104857600 ] && [ \$(du -k '$IMG' | cut -f1) -lt 30000 ]"
check "a created CT is not mounted" bash -c "'$BIN' --root '$ROOT' status $D | grep -q unmounted"
check "no loop device held while stopped" [ "$(loops)" = 0 ]
check "create a neighbour" C create $E --ostemplate busybox --diskspace 200M
check "start both" bash -c "'$BIN' --root '$ROOT' start $D && '$BIN' --root '$ROOT' start $E"
check "each CT has a loop device of its own" [ "$(loops)" = 2 ]

# Buffered I/O while a CT boots (a start reads what the last boot left in
# the host's cache of root.img), direct I/O IMAGE_DIRECT_IO_DELAY seconds
# later (default 30), so a running CT's pages are not cached twice.
dio () { local f; f=$(grep -lx "$IMG" /sys/block/loop*/loop/backing_file) && cat "${f%/backing_file}/dio"; }
check "a booting CT's loop device is buffered" [ "$(dio)" = 0 ]
echo "IMAGE_DIRECT_IO_DELAY=1" >> "$ROOT/node.conf"
C stop $D >/dev/null; C start $D >/dev/null
check "buffered right after a start with IMAGE_DIRECT_IO_DELAY=1" [ "$(dio)" = 0 ]
for _ in $(seq 50); do [ "$(dio)" = 1 ] && break; sleep 0.1; done
check "direct I/O a second later" [ "$(dio)" = 1 ]
check "the CT still reads and writes its files" C exec $D -- sh -c 'cp /bin/busybox /bb && cmp /bin/busybox /bb && rm /bb'
sed -i 's/^IMAGE_DIRECT_IO_DELAY=1$/IMAGE_DIRECT_IO_DELAY=0/' "$ROOT/node.conf"
C stop $D >/dev/null; C start $D >/dev/null
check "IMAGE_DIRECT_IO_DELAY=0: direct from the mount on" [ "$(dio)" = 1 ]
sed -i '/^IMAGE_DIRECT_IO_DELAY=/d' "$ROOT/node.conf"
kb=$(size_kb $D)
check "df inside shows about 100M ($kb KiB)" [ "$kb" -gt 85000 ] && [ "$kb" -le 102400 ]
inodes=$(C exec $D -- df -i / | awk 'NR==2 {print $2}')
check "the inode count follows --diskinodes ($inodes)" [ "$inodes" -ge 19000 ] && [ "$inodes" -lt 26000 ]

host_avail0=$(df -k --output=avail "$ROOT" | tail -1)
out=$(C exec $D -- dd if=/dev/zero of=/fill bs=1M count=200 2>&1); rc=$?
check "filling the disk fails with ENOSPC (exit $rc)" bash -c "[ $rc != 0 ] && grep -q 'No space left' <<< '$out'"
check "df inside shows it full" bash -c "'$BIN' --root '$ROOT' exec $D -- df -k / | awk 'NR==2 {exit !(\$4 < 1024)}'"
host_avail1=$(df -k --output=avail "$ROOT" | tail -1)
check "the host lost at most the image's 100M ($(( (host_avail0 - host_avail1) / 1024 )) MiB)" [ $(( host_avail0 - host_avail1 )) -lt 110000 ]
check "the neighbour can still write" C exec $E -- dd if=/dev/zero of=/ok bs=1M count=20
check "ubc diskspace held near its limit" bash -c "'$BIN' --root '$ROOT' -j ubc $D | python3 -c 'import json,sys; b=json.load(sys.stdin)[0][\"beancounters\"][\"diskspace\"]; assert b[\"held\"] > 0.95 * b[\"limit\"], b'"
check "--ram and friends do not care about the disk; CT still runs" running $D

# resize
conf0=$(md5sum < "$ROOT/conf/$D.conf")
out=$(C set $D --diskspace 80M --save 2>&1); rc=$?
check "shrinking a running CT's disk is refused (exit $rc)" bash -c "[ $rc = 32 ] && grep -q '80' <<< '$out'"
check "... and nothing changed" bash -c "[ \"\$(md5sum < '$ROOT/conf/$D.conf')\" = '$conf0' ] && [ \$(stat -c %s '$IMG') = 104857600 ]"
C exec $D -- rm /fill
C exec $D -- sh -c 'echo keep-me > /data'
check "grow with --setmode restart" C set $D --diskspace 150M --save --setmode restart
kb=$(size_kb $D)
check "df inside shows about 150M after the grow ($kb KiB)" [ "$kb" -gt 135000 ]
check "files survive the grow" bash -c "[ \"\$('$BIN' --root '$ROOT' exec $D -- cat /data)\" = keep-me ]"
check "DISKSPACE saved" grep -qx 'DISKSPACE="157286400"' "$ROOT/conf/$D.conf"
check "run/$D.loop names the loop device under the image" \
  bash -c "[ \"\$(cat /sys/block/loop\$(cat '$ROOT/run/$D.loop')/loop/backing_file)\" = '$IMG' ]"
check "stop" C stop $D
m=$(cat "$ROOT/run/$D.loop")
check "... the record stays (a start reads one sysfs file, not one per loop device) but its device no longer backs the image" \
  bash -c "[ -n '$m' ] && [ \"\$(cat /sys/block/loop$m/loop/backing_file 2>/dev/null)\" != '$IMG' ]"
# The recorded device reused for another file: the image is still free.
truncate -s 1M "$ROOT/other.img"
if losetup "/dev/loop$m" "$ROOT/other.img" 2>/dev/null; then reused=1; else reused=0; echo "# loop$m was taken meanwhile: not reused"; fi
t0=$SECONDS
check "shrink while stopped" C set $D --diskspace 90M --save
check "... at once, though the recorded loop device now backs another file (reused=$reused)" [ $((SECONDS - t0)) -lt 5 ]
[ $reused = 1 ] && losetup -d "/dev/loop$m"
rm -f "$ROOT/other.img"
check "the image is 90M" [ "$(stat -c %s "$IMG")" = 94371840 ]
check "start after the shrink" C start $D
kb=$(size_kb $D)
check "df inside shows about 90M ($kb KiB)" [ "$kb" -gt 75000 ] && [ "$kb" -le 92160 ]
check "files survive the shrink" bash -c "[ \"\$('$BIN' --root '$ROOT' exec $D -- cat /data)\" = keep-me ]"
out=$(C set $D --diskinodes 50000 --save 2>&1); rc=$?
check "--diskinodes on an existing image is refused (exit $rc)" bash -c "[ $rc != 0 ] && grep -q 50000 <<< '$out'"

# an unclean image is checked before mount
C stop $D >/dev/null
debugfs -w -R "ssv state 2" "$IMG" >/dev/null 2>&1
check "the image is marked with errors" bash -c "dumpe2fs -h '$IMG' 2>/dev/null | grep -q 'Filesystem state:.*error'"
check "start checks and repairs it" C start $D
check "the data is still there" bash -c "[ \"\$('$BIN' --root '$ROOT' exec $D -- cat /data)\" = keep-me ]"
C stop $D >/dev/null
check "after e2fsck the image is clean" bash -c "dumpe2fs -h '$IMG' 2>/dev/null | grep -q 'Filesystem state: *clean\$'"

# fallback layout
check "create with --layout dir" C create $F --ostemplate busybox --layout dir
check "dir layout starts" C start $F
out=$(C set $F --iolimit 1M 2>&1); rc=$?
check "--iolimit on the dir layout: unsupported, said plainly (exit $rc)" bash -c "[ $rc = 110 ] && grep -q 'image layout' <<< '$out'"

# clean up
for id in $D $E $F; do C stop --fast $id >/dev/null 2>&1; done
check "no loop device left after stop" wait_for 10 bash -c "[ \$(grep -l '^$ROOT/' /sys/block/loop*/loop/backing_file 2>/dev/null | wc -l) = 0 ]"
check "no mount left after stop" bash -c "! grep -q ' $ROOT/root/' /proc/self/mountinfo"
check "destroy removes the image" bash -c "'$BIN' --root '$ROOT' destroy $D && [ ! -e '$IMG' ]"
[ $T_FAILED = 0 ]
