// A tenant's live usage, counted from its CTs and their addresses. CTs being
// destroyed no longer count: their resources are on the way out.
import type { Prisma } from "@/server/generated/prisma/client";

export type TenantUsage = { cts: number; ramBytes: bigint; diskBytes: bigint; cpus: number; ipv4: number; ipv6: number };

export async function computeTenantUsage(tx: Prisma.TransactionClient, tenantId: string): Promise<TenantUsage> {
  const live = { tenantId, state: { not: "DESTROYING" as const } };
  // One after another, not Promise.all: inside a transaction the three share
  // one connection, and overlapping queries on a pg client are deprecated
  // (pg@9 refuses them).
  const agg = await tx.ct.aggregate({ where: live, _count: { _all: true }, _sum: { ramBytes: true, diskBytes: true, cpus: true } });
  const ipv4 = await tx.ipAddress.count({ where: { ct: live, pool: { family: 4 } } });
  const ipv6 = await tx.ipAddress.count({ where: { ct: live, pool: { family: 6 } } });
  return {
    cts: agg._count._all,
    ramBytes: agg._sum.ramBytes ?? 0n,
    diskBytes: agg._sum.diskBytes ?? 0n,
    cpus: agg._sum.cpus ?? 0,
    ipv4,
    ipv6,
  };
}
