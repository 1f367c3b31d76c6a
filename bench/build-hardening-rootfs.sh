#!/usr/bin/env bash
# Builds the hardening benchmark's root filesystem once, into a cache directory: debootstrap minbase bookworm plus a
# compiler toolchain, Python, Node.js and common tools, about 600 MB, the size the target names.
# Usage: build-hardening-rootfs.sh [CACHE_DIR]; prints the rootfs path. Safe to run concurrently (flock), idempotent.
set -euo pipefail

version=3 # bump when the package list changes: the cached tree is then rebuilt
cache=${1:-${SEAWALL_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/seawall/bench-hardening}}
out="$cache/v$version"
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
if [ -f "$out/.done" ]; then echo "$out/rootfs"; exit 0; fi

include=gcc,g++,make,python3,python3-pip,nodejs,perl,git,curl,wget,openssh-client
include+=,sudo,vim-tiny,less,procps,ca-certificates

rm -rf "$out.tmp"
mkdir -p "$out.tmp"
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
echo "build-hardening-rootfs: debootstrap minbase bookworm + $include (a few minutes, once)" >&2
debootstrap --variant=minbase --include="$include" bookworm "$out.tmp/rootfs" "$mirror" >"$out.tmp/debootstrap.log" 2>&1 ||
  { tail -20 "$out.tmp/debootstrap.log" >&2; exit 1; }
rm -f "$out.tmp/debootstrap.log"
# The downloaded .deb files are not part of an installed system.
rm -f "$out.tmp/rootfs/var/cache/apt/archives/"*.deb
rm -rf "$out"
mv "$out.tmp" "$out"
touch "$out/.done"
echo "$out/rootfs"
