import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { audited } from "@/server/audit/audited";
import { AppError } from "@/server/errors/app-error";
import { quotaData } from "@/server/tenants/quota-data";
import type { CreateTenantInput } from "@/server/tenants/tenant-input";

export async function createTenant(actor: Actor, input: CreateTenantInput) {
  return audited(actor, { action: "tenant.create", tenantId: null, changes: input }, async (tx, ev) => {
    // Inside the transaction, so a refusal is audited too.
    assertRole(actor, ["admin"], "tenant");
    if (await tx.tenant.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
      throw new AppError("conflict", `A tenant with the slug \`${input.slug}\` already exists. Choose another.`, { fields: [{ path: "slug", message: "already taken" }] });
    }
    const t = await tx.tenant.create({ data: { name: input.name, slug: input.slug, webhookUrl: input.webhookUrl ?? null, ...quotaData(input) } });
    ev.tenantId = t.id;
    return t;
  });
}
