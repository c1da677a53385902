#!/bin/bash
# Runs every tests/system/test-*.sh against the real corralctl and prints
# TAP.  Each test script prints its own TAP lines ("ok N - ..." / "not ok")
# without a plan; exit 77 means "skipped" and its first stdout line says why.
cd "$(dirname "$0")" || exit 1
if [ "$(id -u)" != 0 ]; then
  echo "1..0 # SKIP system tests need root (namespaces, cgroups, mounts)"
  exit 0
fi
n=0 failed=0
for t in test-*.sh; do
  out=$(bash "$t" 2>"/tmp/corral-systest-${t%.sh}.err"); rc=$?
  if [ $rc = 77 ]; then
    n=$((n + 1)); echo "ok $n - $t # SKIP ${out%%$'\n'*}"; continue
  fi
  while IFS= read -r line; do
    case "$line" in
      "ok "*) n=$((n + 1)); echo "ok $n - $t: ${line#ok * - }" ;;
      "not ok "*) n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $t: ${line#not ok * - }" ;;
      *) echo "# $line" ;;
    esac
  done <<< "$out"
  if [ $rc != 0 ] && [ $rc != 1 ]; then
    n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $t exited $rc (stderr in /tmp/corral-systest-${t%.sh}.err)"
  fi
done
echo "1..$n"
[ $failed = 0 ]
