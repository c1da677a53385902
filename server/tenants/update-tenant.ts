// Renames a tenant or changes its quotas. A quota may not drop below what the
// tenant already uses: that would leave it over quota with no way to act.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { audited } from "@/server/audit/audited";
import { AppError } from "@/server/errors/app-error";
import { computeTenantUsage } from "@/server/quotas/compute-tenant-usage";
import { QUOTA_FIELDS } from "@/server/quotas/quota-fields";
import { quotaData } from "@/server/tenants/quota-data";
import type { UpdateTenantInput } from "@/server/tenants/tenant-input";

export async function updateTenant(actor: Actor, id: string, input: UpdateTenantInput) {
  return audited(actor, { action: "tenant.update", tenantId: id, changes: input }, async (tx) => {
    // Inside the transaction, so a refusal is audited too.
    assertRole(actor, ["admin"], "tenant");
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenant WHERE id = ${id} FOR UPDATE`;
    if (locked.length === 0) throw notFound("tenant");
    const usage = await computeTenantUsage(tx, id);
    const fields = QUOTA_FIELDS.filter((f) => {
      const v = input[f.quota];
      return v !== undefined && v !== null && BigInt(v) < BigInt(usage[f.usage]);
    }).map((f) => ({ path: f.quota, message: `the tenant already uses ${usage[f.usage]}; the quota cannot be lower` }));
    if (fields.length) throw new AppError("conflict", `The ${fields.map((f) => f.path).join(", ")} quota is below what the tenant already uses.`, { fields });
    if (input.slug && (await tx.tenant.findFirst({ where: { slug: input.slug, id: { not: id } }, select: { id: true } }))) {
      throw new AppError("conflict", `A tenant with the slug \`${input.slug}\` already exists. Choose another.`, { fields: [{ path: "slug", message: "already taken" }] });
    }
    return tx.tenant.update({ where: { id }, data: { name: input.name, slug: input.slug, webhookUrl: input.webhookUrl, ...quotaData(input) } });
  });
}
