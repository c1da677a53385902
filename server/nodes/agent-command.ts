// The agent as nodes run it: the bundle scripts/build-agent.mjs writes from
// server/agent/main.ts (`npm install`, `npm run build` and `npm start` make
// it), run by plain node, without the TypeScript loader's per-process cost.
import { NODE_HEAP_FLAGS } from "@/server/node-heap-flags";

export const AGENT_BUNDLE = "build/agent.mjs";

// The one command an admin runs on a new node, shown with its token once.
export function agentCommand(panelUrl: string, token: string): string {
  return `CORRAL_AGENT_TOKEN='${token}' node ${NODE_HEAP_FLAGS.join(" ")} ${AGENT_BUNDLE} --panel ${panelUrl} --root /var/lib/corral`;
}
