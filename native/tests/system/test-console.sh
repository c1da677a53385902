#!/bin/bash
# The persistent console: login on it, detach with Enter Esc ., output
# replayed on re-attach and across a stop/start.
source "$(dirname "$0")/lib.sh"
node_setup
HERE=$(cd "$(dirname "$0")" && pwd)
ID=$((1500 + RANDOM % 500))
C create $ID --ostemplate busybox --hostname con-$ID --userpasswd root:pw-$ID >/dev/null
C start $ID >/dev/null
cat > "$ROOT/console.script" <<S
send \r
expect login:
send root\r
expect Password:
send pw-$ID\r
expect #
send echo con""sole-\$((40+2))\r
expect console-42
send \r\x1b.
S
status=$("$HERE/pty-expect.py" "$ROOT/console.script" -- "$BIN" --root "$ROOT" console $ID 2>"$ROOT/console.log")
check "login on the console and run a command" [ $? = 0 ]
check "Enter Esc . detaches (exit 0)" [ "$status" = 0 ]
check "output replayed on re-attach" bash -c "'$BIN' --root '$ROOT' console $ID </dev/null | grep -q console-42"
C stop --fast $ID >/dev/null
check "a stopped CT's console shows its last output and why it stopped" wait_for 5 bash -c "'$BIN' --root '$ROOT' console $ID </dev/null | tr -d '\r' | grep -q 'CT $ID stopped (killed)'"
check "... including what was typed before" bash -c "'$BIN' --root '$ROOT' console $ID </dev/null | grep -q console-42"
C start $ID >/dev/null
check "output replayed across stop/start" bash -c "'$BIN' --root '$ROOT' console $ID </dev/null | grep -q console-42"
check "new boot output follows" bash -c "'$BIN' --root '$ROOT' console $ID </dev/null | grep -q 'CT $ID stopped'"
check "read-only attach works" bash -c "'$BIN' --root '$ROOT' console --read-only $ID </dev/null | grep -q console-42"
[ $T_FAILED = 0 ]
