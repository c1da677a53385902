// One node as its page shows it: state, agent facts, capacity under
// overcommit and the CTs placed on it (first 500 by CTID; the CT list
// searches beyond that). Plain objects only: never the token hash.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { ctView } from "@/server/cts/ct-view";
import { db } from "@/server/db/client";

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
    id: n.id,
    name: n.name,
    status: n.status.toLowerCase() as "pending" | "online" | "offline",
    // Refreshed by every state report (at least every 30 s) while online; frozen at the disconnect while offline.
    lastSeenAt: n.lastSeenAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
    revoked: n.tokenHash === null,
    maintenance: n.maintenance,
    agentVersion: n.agentVersion,
    kernel: n.kernel,
    cgroupMode: n.cgroupMode,
    cpus: n.cpus,
    ramBytes: Number(n.ramBytes ?? 0),
    diskBytes: Number(n.diskBytes ?? 0),
    overcommitRam: n.overcommitRam,
    overcommitDisk: n.overcommitDisk,
    usedRamBytes: Number(sums._sum.ramBytes ?? 0),
    usedDiskBytes: Number(sums._sum.diskBytes ?? 0),
    orphans,
    cts: rows.map(ctView),
    ctTotal: total,
  };
}
