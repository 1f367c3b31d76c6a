#!/usr/bin/env bash
# Everything `npm run demo` and `npm test` need, idempotent and quick when already done:
# Debian packages, npm dependencies (better-sqlite3 builds from source the first time), and the TypeScript build.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh
# Reinstall only when package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run build --silent
