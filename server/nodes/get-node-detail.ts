// One node as its page shows it: state, agent facts, capacity under
// overcommit and the CTs placed on it (first 500 by CTID; the CT list
// searches beyond that). Plain objects only: never the token hash.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { ctView } from "@/server/cts/ct-view";
import { db } from "@/server/db/client";
import { nodeView } from "@/server/nodes/node-view";

const MAX_CTS = 500;

export async function getNodeDetail(actor: Actor, nodeId: string) {
  assertRole(actor, ["admin", "support"], "node");
  const n = await db().node.findUnique({ where: { id: nodeId } });
  if (!n) throw notFound("node");
  const [rows, total, sums, orphans] = await Promise.all([
    db().ct.findMany({ where: { nodeId }, orderBy: { ctid: "asc" }, take: MAX_CTS, include: { ipAddresses: true, plan: { select: { name: true } }, tenant: { select: { name: true } } } }),
    db().ct.count({ where: { nodeId } }),
    db().ct.aggregate({ where: { nodeId }, _sum: { ramBytes: true, diskBytes: true } }),
    db().orphanCt.count({ where: { nodeId } }),
  ]);
  return {
    ...nodeView(n, sums._sum),
    createdAt: n.createdAt.toISOString(),
    orphans,
    cts: rows.map(ctView),
    ctTotal: total,
  };
}
