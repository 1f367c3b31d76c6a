#!/usr/bin/env bash
# Installs the pinned cdxgen and its Linux binary plugins (which carry the Trivy build it runs for OS packages)
# into .work/bench/cdxgen/VERSION on first use, never into package.json, and prints the path of its CLI script.
# Usage: install-cdxgen.sh [WORK_DIR]. Pinned so that figures stay comparable between runs.
set -euo pipefail
cd "$(dirname "$0")/.."

cdxgen_version=12.8.4
# The plugins version cdxgen 12.8.4 itself names in its optionalDependencies.
plugins_version=2.5.1
work=${1:-.work/bench}

prefix="$work/cdxgen/$cdxgen_version"
cli="$prefix/node_modules/@cyclonedx/cdxgen/bin/cdxgen.js"
plugins="$prefix/node_modules/@cdxgen/cdxgen-plugins-bin-linux-amd64/package.json"
if [ ! -f "$cli" ] || [ ! -f "$plugins" ]; then
  echo "bench: installing @cyclonedx/cdxgen@$cdxgen_version with its linux-amd64 plugins (about 200 MB) into $prefix" >&2
  mkdir -p "$prefix"
  # Its own package.json keeps npm from walking up to the project's and touching its lock file. Optional
  # dependencies are left out (other platforms' plugins, source-code analysers); the one plugin package this
  # machine uses is asked for by name. No install scripts: the packages ship their binaries.
  echo '{"private":true}' >"$prefix/package.json"
  npm install --no-save --no-audit --no-fund --ignore-scripts --omit=optional --loglevel=error \
    --prefix "$prefix" "@cyclonedx/cdxgen@$cdxgen_version" \
    "@cdxgen/cdxgen-plugins-bin-linux-amd64@$plugins_version" >&2
fi
if [ ! -f "$cli" ]; then
  echo "bench: no cdxgen CLI at $cli" >&2
  exit 1
fi
find "$prefix/node_modules/@cdxgen/cdxgen-plugins-bin-linux-amd64/plugins" -type f -name '*-linux-amd64' \
  -exec chmod +x {} +
echo "$cli"
