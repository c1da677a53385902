// Refuses a request that would take a tenant past a quota, naming the first
// quota it breaks. Call it with the tenant row locked (provision-ct.ts).
import { AppError } from "@/server/errors/app-error";
import type { TenantUsage } from "@/server/quotas/compute-tenant-usage";
import { QUOTA_FIELDS, type QuotaKey } from "@/server/quotas/quota-fields";

export function assertWithinQuota(quotas: Record<QuotaKey, bigint | number | null>, usage: TenantUsage, add: TenantUsage): void {
  for (const f of QUOTA_FIELDS) {
    const limit = quotas[f.quota];
    if (limit === null) continue;
    const after = BigInt(usage[f.usage]) + BigInt(add[f.usage]);
    if (after > BigInt(limit)) {
      throw new AppError("conflict", `This would exceed your ${f.label} quota (${fmt(f.usage, usage[f.usage])} of ${fmt(f.usage, limit)} used). Remove something or ask for a larger quota.`, {
        fields: [{ path: f.quota, message: `quota ${fmt(f.usage, limit)}, in use ${fmt(f.usage, usage[f.usage])}, requested ${fmt(f.usage, add[f.usage])} more` }],
      });
    }
  }
}

function fmt(usage: keyof TenantUsage, v: bigint | number): string {
  if (usage === "ramBytes" || usage === "diskBytes") return `${(Number(v) / 2 ** 30).toFixed(Number(v) % 2 ** 30 === 0 ? 0 : 1)} GiB`;
  return String(v);
}
