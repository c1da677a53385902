import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { db } from "@/server/db/client";

export async function listIpPools(actor: Actor) {
  assertRole(actor, ["admin", "support"], "IP pool");
  const pools = await db().ipPool.findMany({ orderBy: { name: "asc" }, include: { node: { select: { name: true } }, _count: { select: { addresses: true } } } });
  const used = await db().ipAddress.groupBy({ by: ["poolId"], where: { ctId: { not: null } }, _count: { _all: true } });
  const usedBy = new Map(used.map((u) => [u.poolId, u._count._all]));
  return pools.map((p) => ({ ...p, total: p._count.addresses, used: usedBy.get(p.id) ?? 0 }));
}
