// Deletes a tenant that has no CTs left (terminate them first), with its users
// and API tokens. The audit trail keeps its events: they reference ids, not rows.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { audited } from "@/server/audit/audited";
import { AppError } from "@/server/errors/app-error";
import { closeUserSockets } from "@/server/realtime/socket-registry";

export async function deleteTenant(actor: Actor, id: string) {
  let userIds: string[] = [];
  const result = await audited(actor, { action: "tenant.delete", tenantId: id }, async (tx) => {
    assertRole(actor, ["admin"], "tenant");
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenant WHERE id = ${id} FOR UPDATE`;
    if (locked.length === 0) throw notFound("tenant");
    const cts = await tx.ct.count({ where: { tenantId: id } });
    if (cts > 0) throw new AppError("conflict", `The tenant still has ${cts} CT${cts === 1 ? "" : "s"}. Terminate them first.`);
    userIds = (await tx.user.findMany({ where: { tenantId: id }, select: { id: true } })).map((u) => u.id);
    await tx.user.deleteMany({ where: { tenantId: id } });
    await tx.tenant.delete({ where: { id } });
    return { id, deleted: true, users: userIds.length };
  });
  for (const u of userIds) closeUserSockets(u);
  return result;
}
