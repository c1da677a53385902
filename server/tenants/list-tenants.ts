import type { Actor } from "@/server/access/actor";
import { isStaff } from "@/server/access/actor";
import { db } from "@/server/db/client";

export async function listTenants(actor: Actor) {
  const where = isStaff(actor) ? {} : { id: actor.kind === "system" ? undefined : (actor.tenantId ?? "(no tenant)") };
  return db().tenant.findMany({ where, orderBy: { name: "asc" }, include: { _count: { select: { cts: true, users: true } } } });
}
