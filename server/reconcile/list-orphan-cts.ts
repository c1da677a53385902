// CTs that nodes run and the database does not know (found by
// reconciliation), for staff to adopt or remove. Optionally one node's.
import { z } from "zod";
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { db } from "@/server/db/client";

export const OrphanFilter = z.strictObject({ nodeId: z.string().min(1).max(64).optional() }).meta({ id: "OrphanFilter" });

export async function listOrphanCts(actor: Actor, filter: z.input<typeof OrphanFilter> = {}) {
  assertRole(actor, ["admin", "support"], "orphan CT");
  const f = OrphanFilter.parse(filter);
  const rows = await db().orphanCt.findMany({
    where: f.nodeId ? { nodeId: f.nodeId } : {},
    orderBy: [{ nodeId: "asc" }, { ctid: "asc" }],
    include: { node: { select: { name: true } } },
  });
  return rows.map((o) => ({
    id: o.id,
    nodeId: o.nodeId,
    nodeName: o.node.name,
    ctid: o.ctid,
    hostname: o.hostname,
    ostemplate: o.ostemplate,
    status: o.status,
    ipAddresses: o.ipAddresses,
    firstSeenAt: o.firstSeenAt.toISOString(),
    lastSeenAt: o.lastSeenAt.toISOString(),
  }));
}
