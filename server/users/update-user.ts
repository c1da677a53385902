// Changes a user's name, role, password or disabled flag. Disabling (and a
// password change) ends every session of the user and closes their sockets.
import crypto from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { tenantScope } from "@/server/access/tenant-scope";
import { audited } from "@/server/audit/audited";
import { AppError } from "@/server/errors/app-error";
import { closeUserSockets } from "@/server/realtime/socket-registry";
import type { UpdateUserInput } from "@/server/users/user-input";

export async function updateUser(actor: Actor, id: string, input: UpdateUserInput) {
  const isAdmin = actor.kind === "system" || actor.role === "admin";
  let endSessions = false;
  const result = await audited(actor, { action: input.disabled ? "user.disable" : "user.update", changes: { id, ...input } }, async (tx, ev) => {
    // Inside the transaction, so a refusal is audited too.
    assertRole(actor, ["admin", "owner"], "user");
    const user = await tx.user.findFirst({ where: { id, ...tenantScope(actor) }, select: { id: true, role: true, tenantId: true } });
    if (!user) throw notFound("user");
    ev.tenantId = user.tenantId;
    if (!isAdmin && (user.role === "admin" || user.role === "support" || input.role === "admin" || input.role === "support")) throw notFound("user");
    const nextRole = input.role ?? user.role;
    if ((nextRole === "admin" || nextRole === "support") !== (user.role === "admin" || user.role === "support")) {
      throw new AppError("bad_request", "A customer cannot become staff or the other way round. Create a new account instead.", { fields: [{ path: "role", message: "keep the same kind of role" }] });
    }
    if (actor.kind !== "system" && actor.userId === id && (input.disabled || (input.role && input.role !== user.role))) {
      throw new AppError("bad_request", "You cannot disable yourself or change your own role.", { fields: [{ path: input.disabled ? "disabled" : "role", message: "ask another admin" }] });
    }
    if (input.password) {
      await tx.account.updateMany({ where: { userId: id, providerId: "credential" }, data: { password: await hashPassword(input.password) } });
      if ((await tx.account.count({ where: { userId: id, providerId: "credential" } })) === 0) {
        await tx.account.create({ data: { id: crypto.randomUUID(), accountId: id, providerId: "credential", userId: id, password: await hashPassword(input.password) } });
      }
    }
    const saved = await tx.user.update({ where: { id }, data: { name: input.name, role: input.role, disabled: input.disabled } });
    if (input.disabled || input.password) {
      await tx.session.deleteMany({ where: { userId: id } });
      endSessions = true;
    }
    return { id: saved.id, email: saved.email, name: saved.name, role: saved.role, tenantId: saved.tenantId, disabled: saved.disabled };
  });
  // After the commit: a socket closed earlier could reconnect on a session still valid in the database.
  if (endSessions) closeUserSockets(id);
  return result;
}
