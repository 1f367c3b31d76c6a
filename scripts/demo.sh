#!/usr/bin/env bash
# `npm run demo`: set up, build a real sample image from Debian packages (cached), and list what it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
images=$(bash scripts/build-test-images.sh)
echo
echo "== seawall sbom oci:$images/oci:purged (debootstrap minbase bookworm, plus a layer that purges 'less')"
node bin/seawall.js sbom "oci:$images/oci:purged" --format table

apps=$(bash scripts/build-app-image.sh)
echo
echo "== seawall sbom oci:$apps/oci:apps (Debian packages that ship Python, Java, Ruby, Go and Node; an npm app layer): summary"
node bin/seawall.js sbom "oci:$apps/oci:apps" --format table -q | head -5
