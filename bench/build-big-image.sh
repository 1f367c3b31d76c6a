#!/usr/bin/env bash
# Builds the benchmark's 1 GB image once, into a cache directory, as an OCI image layout (tag `big`):
# layer 1 is the larger bench rootfs (about 190 dpkg packages), layer 2 about 850 MB of incompressible filler
# (8 blobs of 50 MB and 22,500 files of 20 KB in 225 folders), so compressed and unpacked sizes are both ~1 GB.
# Usage: build-big-image.sh [CACHE_DIR]; prints the OCI layout directory. Safe to run concurrently and idempotent.
set -euo pipefail

version=1 # bump when what this script builds changes
here=$(cd "$(dirname "$0")" && pwd)
cache=${1:-${SEAWALL_BENCH_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/seawall/bench-image}}
out="$cache/v$version"
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
if [ -f "$out/.done" ]; then echo "$out/oci"; exit 0; fi

rootfs=$(bash "$here/build-bench-rootfs.sh")
rm -rf "$out.tmp"
mkdir -p "$out.tmp"
cd "$out.tmp"
echo "build-big-image: packing a 1 GB OCI image (a few minutes)" >&2

umoci init --layout oci >/dev/null
umoci new --image oci:big >/dev/null
umoci unpack --image oci:big bundle >/dev/null
tar -C "$rootfs" --numeric-owner -cf - . | tar -C bundle/rootfs --numeric-owner -xf -
umoci repack --image oci:big --history.created_by "debootstrap minbase bookworm + tools" bundle >/dev/null
rm -rf bundle

umoci unpack --image oci:big bundle >/dev/null
node "$here/write-filler-files.mjs" bundle/rootfs/opt/filler 8 50 22500 20
umoci repack --image oci:big --history.created_by "filler: 8 x 50 MB + 22500 x 20 KB" bundle >/dev/null
rm -rf bundle
umoci config --image oci:big --config.cmd /bin/bash >/dev/null
umoci gc --layout oci

touch .done
cd ..
rm -rf "$out"
mv "$out.tmp" "$out"
echo "$out/oci"
