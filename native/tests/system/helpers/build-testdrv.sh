# Sourced by system tests: build the library test driver into $1.
build_testdrv () {
  local src; src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
  make -s -C "$src" build/libcorral.a >/dev/null || return 1
  cc -std=gnu11 -D_GNU_SOURCE -I"$src/src" -I"$src/src/lib" -o "$1" "$src/tests/system/helpers/testdrv.c" \
     "$src/build/libcorral.a" $(pkg-config --libs libseccomp 2>/dev/null || echo -lseccomp) \
     $(pkg-config --libs libarchive 2>/dev/null || echo -larchive) -lcrypt -lm -lutil
}
