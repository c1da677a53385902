#!/bin/bash
# --nameserver and --searchdomain: saved to the config, written to the CT's
# /etc/resolv.conf at create and live by set (each replaces only its own
# lines), bad domains refused with nothing changed.
source "$(dirname "$0")/lib.sh"
node_setup
ID=$((1500 + RANDOM % 400))
resolv () { "$BIN" --root "$ROOT" exec $ID -- cat /etc/resolv.conf; }
conf () { cat "$ROOT/conf/$ID.conf"; }

check "create with --nameserver and --searchdomain" \
  C create $ID --ostemplate busybox --layout dir --nameserver 10.0.0.53 --searchdomain example.com
check "config has SEARCHDOMAIN" bash -c "grep -qx 'SEARCHDOMAIN=\"example.com\"' '$ROOT/conf/$ID.conf'"
check "start" C start $ID
check "resolv.conf has the search line and the nameserver" \
  bash -c "[ \"\$('$BIN' --root '$ROOT' exec $ID -- cat /etc/resolv.conf | grep -v '^#')\" = \$'search example.com\nnameserver 10.0.0.53' ]"
check "set two search domains live" C set $ID --searchdomain a.example.org --searchdomain b.example.org
check "search line replaced, nameserver kept" \
  bash -c "out=\$('$BIN' --root '$ROOT' exec $ID -- cat /etc/resolv.conf); grep -qx 'search a.example.org b.example.org' <<< \"\$out\" && grep -qx 'nameserver 10.0.0.53' <<< \"\$out\" && [ \$(grep -c '^search' <<< \"\$out\") = 1 ]"
check "set --nameserver keeps the search line" C set $ID --nameserver 10.0.0.54
check "nameserver replaced, search kept" \
  bash -c "out=\$('$BIN' --root '$ROOT' exec $ID -- cat /etc/resolv.conf); grep -qx 'search a.example.org b.example.org' <<< \"\$out\" && grep -qx 'nameserver 10.0.0.54' <<< \"\$out\" && ! grep -q 10.0.0.53 <<< \"\$out\""

before_conf=$(conf) before_resolv=$(resolv)
for bad in 'bad_domain' '-lead.example' 'a..b' "$(printf 'x%.0s' $(seq 64)).com" ''; do
  err=$(C set $ID --searchdomain "$bad" 2>&1 >/dev/null); rc=$?
  check "--searchdomain \`$bad\` refused (21) naming it" bash -c "[ $rc = 21 ] && grep -qF 'invalid search domain \`$bad\`' <<< '$err'"
done
err=$(C set $ID --searchdomain a.b --searchdomain c.d --searchdomain e.f --searchdomain g.h --searchdomain i.j \
  --searchdomain k.l --searchdomain m.n 2>&1 >/dev/null); rc=$?
check "a 7th search domain refused (21)" bash -c "[ $rc = 21 ] && grep -q 'at most 6' <<< '$err'"
long=$(for i in 1 2 3 4 5 6; do printf -- '--searchdomain %s.example ' "$(printf 'd%.0s' $(seq 50))$i"; done)
# shellcheck disable=SC2086
C set $ID $long >/dev/null 2>&1; rc=$?
check "search domains over 255 bytes in all refused (21)" [ $rc = 21 ]
check "bad input changed neither config nor resolv.conf" \
  bash -c "[ \"\$(cat '$ROOT/conf/$ID.conf')\" = \"\$1\" ] && [ \"\$('$BIN' --root '$ROOT' exec $ID -- cat /etc/resolv.conf)\" = \"\$2\" ]" _ "$before_conf" "$before_resolv"
err=$(C create $((ID + 1)) --ostemplate busybox --layout dir --searchdomain 'no spaces' 2>&1 >/dev/null); rc=$?
check "create with a bad --searchdomain refused (21), no CT made" \
  bash -c "[ $rc = 21 ] && grep -q 'invalid search domain' <<< '$err' && [ ! -e '$ROOT/conf/$((ID + 1)).conf' ]"

check "kept across stop/start" bash -c "'$BIN' --root '$ROOT' stop --fast $ID >/dev/null && '$BIN' --root '$ROOT' start $ID >/dev/null && '$BIN' --root '$ROOT' exec $ID -- cat /etc/resolv.conf | grep -qx 'search a.example.org b.example.org'"
C stop --fast $ID >/dev/null
check "destroy" C destroy $ID
[ $T_FAILED = 0 ]
