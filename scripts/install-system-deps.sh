#!/usr/bin/env bash
# Installs the Debian packages Corral needs, only those missing. Called by
# `npm install` (postinstall) and `.ci/run`; safe to run again.
#   build-essential pkg-config libseccomp-dev libcrypt-dev libarchive-dev  build native/corralctl
#   busybox-static debootstrap                              template builds
#   e2fsprogs iproute2 nftables lxcfs uidmap                CT disks, network, /proc views
#   chromium                                                e2e tests (Playwright drives Debian's build)
#   crun                                                    bench/ct-start's peer
set -euo pipefail
PKGS=(build-essential pkg-config libseccomp-dev libcrypt-dev libarchive-dev busybox-static debootstrap e2fsprogs iproute2 nftables lxcfs uidmap chromium crun zstd xz-utils)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "corral: missing Debian packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}" >&2
  exit 0
fi
echo "corral: installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
