#!/usr/bin/env bash
# Builds the Next app when the sources are newer than the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${CORRAL_NEXT_DIR:-.next}
if [ ! -f "$dist/BUILD_ID" ] || [ -n "$(find app components server prisma next.config.ts package.json -newer "$dist/BUILD_ID" -type f -not -path 'server/generated/*' -print -quit)" ]; then
  echo "corral: building the web app (first start or changed sources)…" >&2
  log=$(mktemp)
  NODE_ENV=production npx --no-install next build >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; echo "corral: next build failed (log above)" >&2; exit 1; }
  rm -f "$log"
fi
