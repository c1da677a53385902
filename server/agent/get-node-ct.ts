// One CT as the node sees it, in the list-row shape; null when it does not exist.
import { listNodeCts, type NodeCt } from "@/server/agent/list-node-cts";
import type { CorralctlOptions } from "@/server/agent/run-corralctl";

export async function getNodeCt(ctid: number, opts: CorralctlOptions): Promise<NodeCt | null> {
  const [row] = await listNodeCts(opts, ctid);
  return row ?? null;
}
