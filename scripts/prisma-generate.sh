#!/usr/bin/env bash
# `prisma generate` without network access. Prisma 7's CLI insists on fetching a
# native schema engine before any command, although generate never runs it; the
# panel applies migrations itself (server/db/apply-migrations.ts). Point the CLI
# at a stub unless a real engine was provided.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PRISMA_SCHEMA_ENGINE_BINARY:-}" ]; then
  stub="node_modules/.cache/corral/schema-engine-stub"
  mkdir -p "$(dirname "$stub")"
  printf '#!/bin/sh\necho "schema engine not available: corral applies migrations itself" >&2\nexit 1\n' >"$stub"
  chmod +x "$stub"
  export PRISMA_SCHEMA_ENGINE_BINARY="$PWD/$stub"
fi
exec npx --no-install prisma generate "$@"
