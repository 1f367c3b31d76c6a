#!/usr/bin/env bash
# `npm run demo`: set up, build real sample images from Debian packages (cached), list what they install, and scan
# one for known vulnerabilities against the bundled advisories, offline.
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

echo
echo "== seawall scan oci:$apps/oci:apps --detection comprehensive (offline, the bundled real OSV, Debian and Alpine advisories)"
echo "   the Go standard library compiled into Debian's runc, and Python packages Debian installed, against their ecosystems' advisories"
# The first scan builds the bundled database under ~/.cache/seawall/vulndb (a few seconds, once).
node bin/seawall.js scan "oci:$apps/oci:apps" --detection comprehensive -q | head -12
node bin/seawall.js scan "oci:$apps/oci:apps" --detection comprehensive -q | tail -1
echo
echo "== seawall scan ... --fail-on high: the CI gate (exit code 1 when a high or critical finding remains)"
status=0
node bin/seawall.js scan "oci:$apps/oci:apps" --detection comprehensive --fail-on high -q -f json -o /dev/null || status=$?
echo "exit code $status"
