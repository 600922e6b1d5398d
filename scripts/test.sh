#!/usr/bin/env bash
# The whole test suite (README's second command): installs what it needs, then type-checks,
# lints, builds the UI and runs unit, database (embedded + server) and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-test-deps.sh
echo "== typecheck"
npx tsc -p tsconfig.json --noEmit
if [ -f web/index.html ]; then
  npx tsc -p web/tsconfig.json --noEmit
  # The service worker has its own library (WebWorker, no DOM).
  npx tsc -p web/src/sw/tsconfig.json --noEmit
  echo "== build web"
  npm run build:web --silent
fi
npx tsc -p extension/tsconfig.json
echo "== lint"
npx biome lint --diagnostic-level=error
echo "== tests"
npx vitest run "$@"
