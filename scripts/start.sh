#!/usr/bin/env bash
# `npm start`: make sure the native helper, the Prisma client, the web build and
# the agent bundle are current, then run the custom server (Next + socket.io +
# embedded Postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
make -s -C native
[ -d server/generated/prisma ] || bash scripts/prisma-generate.sh >/dev/null
bash scripts/ensure-build.sh
node scripts/build-agent.mjs
export NODE_ENV="${NODE_ENV:-production}"
# exec: the server is this process, so signals reach it directly and nothing is orphaned.
# The V8 flags are server/node-heap-flags.ts's (a server test keeps the two equal).
exec node --max-semi-space-size=32 --import tsx server/index.ts
