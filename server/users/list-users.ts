import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { tenantScope } from "@/server/access/tenant-scope";
import { db } from "@/server/db/client";

export async function listUsers(actor: Actor, filter: { tenantId?: string } = {}) {
  assertRole(actor, ["admin", "support", "owner", "member"], "user");
  return db().user.findMany({
    where: { ...(filter.tenantId ? { tenantId: filter.tenantId } : {}), ...tenantScope(actor) },
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: { id: true, email: true, name: true, role: true, tenantId: true, disabled: true, twoFactorEnabled: true, createdAt: true, tenant: { select: { name: true } } },
  });
}
