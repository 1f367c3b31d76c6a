#!/usr/bin/env bash
# Builds the real application test image, from Debian packages that ship language ecosystems, once, into a cache:
#   rootfs/   debootstrap minbase bookworm + python3-requests, liblog4j2-java, ruby-rack, runc (Go), nodejs,
#             composer (PHP), plus /srv/app: a node_modules tree installed with npm from the npm registry
#   oci/      the same as an OCI layout, tag `apps` (one layer for the Debian packages, one for /srv/app)
# Usage: build-app-image.sh [CACHE_DIR]; prints the directory. Safe to run concurrently (flock) and idempotent.
set -euo pipefail

version=2 # bump when what this script builds changes
here=$(cd "$(dirname "$0")" && pwd)
cache=${1:-${SEAWALL_TEST_IMAGES:-${XDG_CACHE_HOME:-$HOME/.cache}/seawall/test-images}}
out="$cache/apps-v$version"
mkdir -p "$cache"
exec 9>"$cache/.apps.lock"
flock 9
if [ -f "$out/.done" ]; then echo "$out"; exit 0; fi

bash "$here/setup-system.sh" >&2
rm -rf "$out.tmp"
mkdir -p "$out.tmp"
cd "$out.tmp"

mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
packages=python3-requests,liblog4j2-java,ruby-rack,runc,nodejs,composer
echo "build-app-image: debootstrap minbase + $packages (a few minutes)" >&2
debootstrap --variant=minbase --include="$packages" bookworm rootfs "$mirror" >debootstrap.log 2>&1 ||
  { tail -20 debootstrap.log >&2; exit 1; }
rm -rf rootfs/var/cache/apt/archives/*.deb rootfs/var/lib/apt/lists/*_Packages debootstrap.log

umoci init --layout oci >/dev/null
umoci new --image oci:apps >/dev/null
umoci unpack --image oci:apps bundle >/dev/null
tar -C rootfs --numeric-owner -cf - . | tar -C bundle/rootfs --numeric-owner -xf -
umoci repack --image oci:apps --history.created_by "debootstrap --variant=minbase --include=$packages bookworm" bundle >/dev/null

# An application installed with npm (the project's own npm, from the npm registry), as a second layer.
mkdir -p rootfs/srv/app
cat >rootfs/srv/app/package.json <<'JSON'
{ "name": "seawall-sample-app", "version": "1.0.0", "private": true,
  "dependencies": { "express": "4.19.2", "@types/node": "20.11.30", "lodash": "4.17.21" } }
JSON
npm install --prefix rootfs/srv/app --no-audit --no-fund --ignore-scripts --loglevel=error >&2
# A fresh unpack, so that the repack's diff holds only /srv/app.
rm -rf bundle
umoci unpack --image oci:apps bundle >/dev/null
cp -a rootfs/srv/app bundle/rootfs/srv/
umoci repack --image oci:apps --history.created_by "npm install (express, lodash, @types/node)" bundle >/dev/null
rm -rf bundle
umoci gc --layout oci

touch .done
cd ..
rm -rf "$out"
mv "$out.tmp" "$out"
echo "$out"
