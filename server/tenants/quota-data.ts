// Quota input (numbers, null = no limit) to the tenant row's column types.
import type { z } from "zod";
import type { QuotaInput } from "@/server/tenants/tenant-input";

export function quotaData(q: z.infer<typeof QuotaInput>) {
  const big = (v: number | null | undefined) => (v === undefined ? undefined : v === null ? null : BigInt(v));
  return {
    quotaCts: q.quotaCts,
    quotaRamBytes: big(q.quotaRamBytes),
    quotaDiskBytes: big(q.quotaDiskBytes),
    quotaCpus: q.quotaCpus,
    quotaIpv4: q.quotaIpv4,
    quotaIpv6: q.quotaIpv6,
  };
}
