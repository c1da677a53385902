// Creates a panel user with the role rules: admins make anyone; owners make
// owners and members of their own tenant. Staff have no tenant; customers must.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { audited } from "@/server/audit/audited";
import { createUser } from "@/server/auth/create-user";
import { AppError } from "@/server/errors/app-error";
import type { CreateUserInput } from "@/server/users/user-input";

export async function createPanelUser(actor: Actor, input: CreateUserInput) {
  const isAdmin = actor.kind === "system" || actor.role === "admin";
  const tenantId = isAdmin ? (input.tenantId ?? null) : actor.tenantId;
  const staff = input.role === "admin" || input.role === "support";
  const email = input.email.toLowerCase();
  return audited(actor, { action: "user.create", tenantId, changes: { email, name: input.name, role: input.role, tenantId } }, async (tx) => {
    // Inside the transaction, so a refusal is audited too.
    assertRole(actor, ["admin", "owner"], "tenant");
    if (!isAdmin && input.tenantId && input.tenantId !== tenantId) throw notFound("tenant");
    if (!isAdmin && staff) throw new AppError("bad_request", "You can add owners and members only.", { fields: [{ path: "role", message: "use owner or member" }] });
    if (staff && tenantId) throw new AppError("bad_request", "Admins and support staff belong to no tenant.", { fields: [{ path: "tenantId", message: "leave empty for staff" }] });
    if (!staff && !tenantId) throw new AppError("bad_request", "Choose the tenant this user belongs to.", { fields: [{ path: "tenantId", message: "required for owners and members" }] });
    if (tenantId && !(await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }))) throw notFound("tenant");
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new AppError("conflict", `There is already an account for \`${email}\`.`, { fields: [{ path: "email", message: "already in use" }] });
    }
    const user = await createUser({ email, name: input.name, password: input.password, role: input.role }, tx);
    const saved = await tx.user.update({ where: { id: user.id }, data: { tenantId } });
    return { id: saved.id, email: saved.email, name: saved.name, role: saved.role, tenantId: saved.tenantId, disabled: saved.disabled };
  });
}
