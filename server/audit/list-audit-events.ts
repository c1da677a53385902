// The audit trail as the caller may see it: staff everything, customers their
// tenant's slice (owners only; members do not read the trail).
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { tenantScope } from "@/server/access/tenant-scope";
import { AuditFilter } from "@/server/audit/audit-filter";
import { db } from "@/server/db/client";

export async function listAuditEvents(actor: Actor, filter: AuditFilter = {}) {
  assertRole(actor, ["admin", "support", "owner"], "audit log");
  const f = AuditFilter.parse(filter);
  const rows = await db().auditEvent.findMany({
    where: {
      ...(f.tenantId ? { tenantId: f.tenantId } : {}),
      ...tenantScope(actor),
      ...(f.action ? { action: { startsWith: f.action } } : {}),
      ...(f.ctId ? { ctId: f.ctId } : {}),
      ...(f.actor ? { OR: [{ actorEmail: { contains: f.actor, mode: "insensitive" as const } }, { actorId: f.actor }] } : {}),
      ...(f.result ? { result: f.result } : {}),
      ...(f.from || f.to ? { at: { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.to ? { lte: new Date(f.to) } : {}) } } : {}),
    },
    orderBy: { id: "desc" },
    take: f.limit,
  });
  return rows.map((r) => ({ ...r, id: r.id.toString() }));
}
