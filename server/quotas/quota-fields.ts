// Which tenant column limits which usage figure, and how to name it to a person.
import type { TenantUsage } from "@/server/quotas/compute-tenant-usage";

export const QUOTA_FIELDS = [
  { quota: "quotaCts", usage: "cts", label: "containers" },
  { quota: "quotaRamBytes", usage: "ramBytes", label: "RAM" },
  { quota: "quotaDiskBytes", usage: "diskBytes", label: "disk" },
  { quota: "quotaCpus", usage: "cpus", label: "CPUs" },
  { quota: "quotaIpv4", usage: "ipv4", label: "IPv4 addresses" },
  { quota: "quotaIpv6", usage: "ipv6", label: "IPv6 addresses" },
] as const satisfies readonly { quota: string; usage: keyof TenantUsage; label: string }[];

export type QuotaKey = (typeof QUOTA_FIELDS)[number]["quota"];
