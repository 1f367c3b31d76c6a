#!/usr/bin/env bash
# `npm test`: set up, then lint, format check, typecheck and every test; ends with "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
check() {
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); echo "check ok: $name"; else failed=$((failed + 1)); echo "check FAILED: $name"; fi
}
check lint npx eslint --max-warnings=0 .
check format npx prettier --check --log-level=warn .
check typecheck npx tsc -p tsconfig.json --noEmit
# The real Debian test images are built once and cached (a minute the first time).
check test-images bash -c "bash scripts/build-test-images.sh >/dev/null && bash scripts/build-app-image.sh >/dev/null"

log=$(mktemp)
node --test --test-concurrency=2 --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$log" dist/ bench/
status=$?
tests_pass=$(grep -E '^# pass ' "$log" | tail -1 | awk '{print $3}')
tests_fail=$(grep -E '^# fail ' "$log" | tail -1 | awk '{print $3}')
tests_skip=$(grep -E '^# skipped ' "$log" | tail -1 | awk '{print $3}')
rm -f "$log"
passed=$((passed + ${tests_pass:-0}))
failed=$((failed + ${tests_fail:-0}))
if [ "$status" -ne 0 ] && [ "${tests_fail:-0}" -eq 0 ]; then failed=$((failed + 1)); fi
echo "$passed passed, $failed failed, ${tests_skip:-0} skipped"
[ "$failed" -eq 0 ]
