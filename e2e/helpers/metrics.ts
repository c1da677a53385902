// A node with a running CT for the metrics specs. The e2e server runs without
// a local agent, so the spec adds a node (its token hash in the database, as
// "Add node" does), starts that node's agent on a simulated node against the
// server under test, and creates the CT there. Everything is removed by
// `cleanup`: the agent by its PID, the CT and node by corralctl and the
// simulated node's own cleanup, the rows from the database.
import { db } from "@/server/db/client";
import { hashNodeToken, newNodeToken } from "@/server/nodes/node-token";
import { makeRunningCt, removeCtRows } from "@/tests/helpers/metrics-fixture";
import { makeSimNode, nodeTestsSkipReason, startAgent, waitFor } from "@/tests/helpers/node-sim";

export const metricsSkipReason = nodeTestsSkipReason;

export async function startNodeWithCt(panelUrl: string, ctid: number) {
  const node = makeSimNode();
  const token = newNodeToken();
  const row = await db().node.create({ data: { name: `e2e-metrics-${process.pid}-${ctid}-${Date.now().toString(36)}`, tokenHash: hashNodeToken(token) } });
  const agent = startAgent(panelUrl, token, node.root);
  const cleanup = async (ctIds: string[]) => {
    if (process.env.CORRAL_SHOW_AGENT) process.stdout.write(`agent output:\n${agent.output().slice(-6000)}\n`);
    await agent.kill();
    node.cleanup();
    await removeCtRows(ctIds);
    await db().node.delete({ where: { id: row.id } }).catch(() => {});
  };
  try {
    await waitFor("the node's agent online", async () => (await db().node.findUnique({ where: { id: row.id } }))?.status === "ONLINE", 60_000);
    const ct = await makeRunningCt(node, row.id, ctid);
    return { node, agent, ct, cleanup: () => cleanup([ct.ct.id]) };
  } catch (err) {
    await cleanup([]);
    throw new Error(`${String(err)}\nagent output:\n${agent.output().slice(-2000)}`);
  }
}
