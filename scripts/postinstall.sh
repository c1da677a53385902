#!/usr/bin/env bash
# `npm install`'s last step: system packages, the native helper, the Prisma client,
# the node agent's bundle (build/agent.mjs: what a node runs).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${CORRAL_SKIP_SYSTEM_DEPS:-}" = 1 ] || bash scripts/install-system-deps.sh
make -s -C native
bash scripts/prisma-generate.sh >/dev/null
node scripts/build-agent.mjs
