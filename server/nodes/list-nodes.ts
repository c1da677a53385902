// Nodes as staff see them: state (online, offline since when), agent facts,
// capacity under overcommit and what is placed there, and orphan CTs found by
// reconciliation. Plain objects only: never the token hash.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { db } from "@/server/db/client";

export async function listNodes(actor: Actor) {
  assertRole(actor, ["admin", "support"], "node");
  const nodes = await db().node.findMany({ orderBy: { name: "asc" }, include: { orphanCts: { orderBy: { ctid: "asc" } }, _count: { select: { cts: true } } } });
  const used = await db().ct.groupBy({ by: ["nodeId"], _sum: { ramBytes: true, diskBytes: true } });
  const byNode = new Map(used.map((u) => [u.nodeId, u._sum]));
  return nodes.map((n) => ({
    id: n.id,
    name: n.name,
    status: n.status.toLowerCase() as "pending" | "online" | "offline",
    // While offline, lastSeenAt is when the panel last heard from it: "offline since".
    lastSeenAt: n.lastSeenAt?.toISOString() ?? null,
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
    usedRamBytes: Number(byNode.get(n.id)?.ramBytes ?? 0),
    usedDiskBytes: Number(byNode.get(n.id)?.diskBytes ?? 0),
    cts: n._count.cts,
    orphans: n.orphanCts.map((o) => ({ id: o.id, ctid: o.ctid, hostname: o.hostname, status: o.status, ipAddresses: o.ipAddresses, lastSeenAt: o.lastSeenAt.toISOString() })),
  }));
}
