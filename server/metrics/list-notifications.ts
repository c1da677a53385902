// The tenant's notifications, newest first. Staff pass a tenantId; a
// customer sees only their own tenant's, whatever they pass.
import { isStaff, type Actor } from "@/server/access/actor";
import { db } from "@/server/db/client";

export async function listNotifications(actor: Actor, filter: { tenantId?: string } = {}, limit = 100) {
  const tenantId = isStaff(actor) ? filter.tenantId : actor.kind === "system" ? undefined : (actor.tenantId ?? "\u0000none");
  const rows = await db().notification.findMany({ where: tenantId ? { tenantId } : {}, orderBy: { at: "desc" }, take: limit });
  return rows.map((n) => ({ id: n.id, tenantId: n.tenantId, ctId: n.ctId, at: n.at.toISOString(), kind: n.kind, message: n.message, read: n.readAt !== null }));
}
