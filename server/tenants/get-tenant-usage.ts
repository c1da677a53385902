// Used-versus-allowed for a tenant, for the quota bars and the billing API.
import type { Actor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { computeTenantUsage } from "@/server/quotas/compute-tenant-usage";
import { QUOTA_FIELDS } from "@/server/quotas/quota-fields";
import { getTenantOrThrow } from "@/server/tenants/get-tenant-or-throw";

export async function getTenantUsage(actor: Actor, tenantId: string) {
  const tenant = await getTenantOrThrow(actor, tenantId);
  const usage = await computeTenantUsage(db(), tenantId);
  return {
    tenantId,
    status: tenant.status,
    items: QUOTA_FIELDS.map((f) => ({
      key: f.usage,
      label: f.label,
      used: Number(usage[f.usage]),
      allowed: tenant[f.quota] === null ? null : Number(tenant[f.quota]),
    })),
  };
}
