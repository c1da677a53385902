import type { Actor } from "@/server/access/actor";
import { tenantScope } from "@/server/access/tenant-scope";
import { ctView } from "@/server/cts/ct-view";
import { db } from "@/server/db/client";

export async function listCts(actor: Actor, filter: { tenantId?: string } = {}) {
  const rows = await db().ct.findMany({
    where: { ...(filter.tenantId ? { tenantId: filter.tenantId } : {}), ...tenantScope(actor) },
    orderBy: { createdAt: "desc" },
    include: { ipAddresses: true, node: { select: { name: true } }, plan: { select: { name: true } }, tenant: { select: { name: true } } },
  });
  return rows.map(ctView);
}
