#!/usr/bin/env bash
# Builds the real sample images the demo and tests read, from Debian packages, once, into a cache directory:
#   rootfs/minbase          debootstrap --variant=minbase bookworm, plus `less` (so a later layer can purge it)
#   oci/                    OCI layout: tag `base` (one layer), tag `purged` (+ a layer that purges `less`: whiteouts)
#   oci-zstd/               the `purged` image with zstd-compressed layers
#   oci-archive.tar         the `purged` image as an OCI archive
#   docker-archive.tar      `docker save`-style archive holding both images (seawall/test:base and seawall/test:purged)
# Usage: build-test-images.sh [CACHE_DIR]; prints the directory. Safe to run concurrently (flock) and idempotent.
set -euo pipefail

version=3 # bump when what this script builds changes
cache=${1:-${SEAWALL_TEST_IMAGES:-${XDG_CACHE_HOME:-$HOME/.cache}/seawall/test-images}}
out="$cache/v$version"
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
if [ -f "$out/.done" ]; then echo "$out"; exit 0; fi

bash "$(dirname "$0")/setup-system.sh" >&2
rm -rf "$out.tmp"
mkdir -p "$out.tmp"
cd "$out.tmp"

mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
echo "build-test-images: debootstrap minbase (a minute or two)" >&2
debootstrap --variant=minbase --include=less bookworm rootfs-minbase "$mirror" >debootstrap.log 2>&1 ||
  { tail -20 debootstrap.log >&2; exit 1; }
# Leave no downloaded .debs or apt lists behind: they are not what the image installs.
rm -rf rootfs-minbase/var/cache/apt/archives/*.deb rootfs-minbase/var/lib/apt/lists/*_Packages

umoci init --layout oci >/dev/null
umoci new --image oci:base >/dev/null
umoci unpack --image oci:base bundle >/dev/null
# umoci's empty rootfs is replaced by the debootstrap tree; --numeric-owner keeps ids exact.
tar -C rootfs-minbase --numeric-owner -cf - . | tar -C bundle/rootfs --numeric-owner -xf -
umoci repack --image oci:base --history.created_by "debootstrap --variant=minbase --include=less bookworm" bundle >/dev/null
umoci config --image oci:base --config.cmd /bin/bash --history.created_by 'CMD ["/bin/bash"]' >/dev/null
rm -rf bundle

# A second layer that purges a package: its files and its dpkg record become whiteouts or a rewritten status.
umoci unpack --image oci:base bundle >/dev/null
chroot bundle/rootfs dpkg --purge less >/dev/null
umoci repack --image oci:purged --history.created_by "dpkg --purge less" bundle >/dev/null
rm -rf bundle
umoci gc --layout oci

skopeo copy --quiet --dest-compress-format zstd oci:oci:purged oci:oci-zstd:purged >/dev/null
skopeo copy --quiet oci:oci:purged oci-archive:oci-archive.tar:purged >/dev/null
# `docker save` of two images into one archive: skopeo writes one image per archive, so merge two.
skopeo copy --quiet oci:oci:base docker-archive:one.tar:seawall/test:base >/dev/null
skopeo copy --quiet oci:oci:purged docker-archive:two.tar:seawall/test:purged >/dev/null
mkdir merged
tar -C merged -xf one.tar && cp merged/manifest.json manifest-one.json
tar -C merged -xf two.tar && cp merged/manifest.json manifest-two.json
node -e 'const fs=require("fs");const a=JSON.parse(fs.readFileSync("manifest-one.json"));const b=JSON.parse(fs.readFileSync("manifest-two.json"));fs.writeFileSync("merged/manifest.json",JSON.stringify([...a,...b]))'
rm -f merged/repositories
(cd merged && tar --numeric-owner --sort=name -cf ../docker-archive.tar .)
rm -rf merged one.tar two.tar manifest-one.json manifest-two.json

mv rootfs-minbase rootfs
rm -f debootstrap.log
touch .done
cd ..
rm -rf "$out"
mv "$out.tmp" "$out"
echo "$out"
