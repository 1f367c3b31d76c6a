#!/usr/bin/env bash
# Builds the benchmark's larger root filesystem once, into a cache directory: debootstrap minbase bookworm plus
# common tools, about 190 dpkg packages (the small one, about 90, is the test images' rootfs).
# Usage: build-bench-rootfs.sh [CACHE_DIR]; prints the rootfs path. Safe to run concurrently (flock) and idempotent.
set -euo pipefail

version=1 # bump when the package list changes: the cached tree is then rebuilt
cache=${1:-${SEAWALL_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/seawall/bench-rootfs}}
out="$cache/v$version"
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
if [ -f "$out/.done" ]; then echo "$out/rootfs"; exit 0; fi

# Chosen so that minbase plus these and their dependencies lands near 190 packages (189 on bookworm in 2026).
include=less,curl,ca-certificates,openssl,python3,perl,git,procps,xz-utils,iproute2,gnupg,unzip,wget
include+=,vim-tiny,openssh-client,make,jq,file,bzip2,sqlite3,tzdata,netbase,rsync,patch,nano,zip,lsof
include+=,psmisc,iputils-ping,htop,locales,bash-completion

rm -rf "$out.tmp"
mkdir -p "$out.tmp"
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
echo "build-bench-rootfs: debootstrap minbase bookworm with $(tr ',' '\n' <<<"$include" | wc -l) extra tools (a few minutes)" >&2
debootstrap --variant=minbase --include="$include" bookworm "$out.tmp/rootfs" "$mirror" >"$out.tmp/debootstrap.log" 2>&1 ||
  { tail -20 "$out.tmp/debootstrap.log" >&2; exit 1; }
# Downloaded .debs and apt lists are not what the image installs; both tools would otherwise walk them.
rm -rf "$out.tmp"/rootfs/var/cache/apt/archives/*.deb "$out.tmp"/rootfs/var/lib/apt/lists/*_Packages
rm -f "$out.tmp/debootstrap.log"
touch "$out.tmp/.done"
rm -rf "$out"
mv "$out.tmp" "$out"
echo "$out/rootfs"
