// Nodes as staff see them: state (online, offline since when), agent facts,
// capacity under overcommit and what is placed there, and orphan CTs found by
// reconciliation. Plain objects only: never the token hash.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { db } from "@/server/db/client";
import { nodeView } from "@/server/nodes/node-view";

export async function listNodes(actor: Actor) {
  assertRole(actor, ["admin", "support"], "node");
  const nodes = await db().node.findMany({ orderBy: { name: "asc" }, include: { orphanCts: { orderBy: { ctid: "asc" } }, _count: { select: { cts: true } } } });
  const used = await db().ct.groupBy({ by: ["nodeId"], _sum: { ramBytes: true, diskBytes: true } });
  const byNode = new Map(used.map((u) => [u.nodeId, u._sum]));
  return nodes.map((n) => ({
    ...nodeView(n, byNode.get(n.id) ?? { ramBytes: 0, diskBytes: 0 }),
    cts: n._count.cts,
    orphans: n.orphanCts.map((o) => ({ id: o.id, ctid: o.ctid, hostname: o.hostname, status: o.status, ipAddresses: o.ipAddresses, lastSeenAt: o.lastSeenAt.toISOString() })),
  }));
}
