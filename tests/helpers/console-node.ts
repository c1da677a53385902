// A simulated node with its agent dialing the running test server, for the
// console tests: the panel under test runs without a local agent, so these
// tests bring their own (tests/helpers/node-sim.ts) and a busybox CT on it.
// Cleanup stops and destroys the CTs, kills the agent by its PID and removes
// the node's root.
import { db } from "@/server/db/client";
import { hashNodeToken, newNodeToken } from "@/server/nodes/node-token";
import { rnd } from "./fixtures";
import { makeCtRow } from "./panel-fixture";
import { makeSimNode, nodeTestsSkipReason, startAgent, waitFor, type AgentProcess, type SimNode } from "./node-sim";

export type ConsoleNode = {
  sim: SimNode;
  nodeId: string;
  agent: AgentProcess;
  makeCt: (tenantId: string, o?: { start?: boolean }) => Promise<{ id: string; ctid: number }>;
  cleanup: () => Promise<void>;
};

export const consoleSkipReason = nodeTestsSkipReason;

let nextCtid = 100 + Math.floor(Math.random() * 800);

export async function startConsoleNode(panelUrl: string): Promise<ConsoleNode> {
  const sim = makeSimNode();
  const token = newNodeToken();
  const node = await db().node.create({ data: { name: `console-${rnd()}`, tokenHash: hashNodeToken(token), ramBytes: 64n << 30n, diskBytes: 1000n << 30n, cpus: 2 } });
  const agent = startAgent(panelUrl, token, sim.root);
  await waitFor("the console node's agent to connect", async () => (await db().node.findUnique({ where: { id: node.id } }))?.status === "ONLINE", 30_000);
  return {
    sim,
    nodeId: node.id,
    agent,
    makeCt: async (tenantId, o = {}) => {
      const ctid = nextCtid++;
      const row = await makeCtRow(tenantId, node.id, ctid);
      sim.ctl("create", String(ctid), "--ostemplate", "busybox", "--hostname", `ct${ctid}`);
      if (o.start ?? true) sim.ctl("start", String(ctid), "--wait");
      return { id: row.id, ctid };
    },
    cleanup: async () => {
      await agent.kill();
      sim.cleanup();
      await db().ct.deleteMany({ where: { nodeId: node.id } }).catch(() => {});
      await db().node.delete({ where: { id: node.id } }).catch(() => {});
    },
  };
}
