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

# More than the ring holds (256 KiB), then two restarts: the saved
# scrollback wraps around the ring's end when it is loaded back, and must
# come back whole and in order, the oldest bytes dropped.  Q is in no boot
# message, so a replay out of order shows Qs after the end mark.
C exec $ID -- sh -c 'echo wrap-begin-5 >/dev/console; head -c 300000 /dev/zero | tr "\0" Q >/dev/console; echo wrap-end-77 >/dev/console'
C stop --fast $ID >/dev/null; C start $ID >/dev/null
C stop --fast $ID >/dev/null; C start $ID >/dev/null
"$BIN" --root "$ROOT" console --read-only $ID </dev/null | tr -d '\r\n' >"$ROOT/replay"
check "a wrapped scrollback replays in order across two restarts" \
  grep -Eqx 'Q+wrap-end-77[^Q]*stopped \(killed\)[^Q]*stopped \(killed\)[^Q]*' "$ROOT/replay"
check "... the newest 256 KiB of it" [ "$(tr -cd Q <"$ROOT/replay" | wc -c)" -gt 250000 ]
check "... without the oldest bytes" bash -c "! grep -q wrap-begin-5 '$ROOT/replay'"
[ $T_FAILED = 0 ]
