import { z } from "zod";

const bytes = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().min(0).max(1_000_000);

// null = no limit.
export const QuotaInput = z.strictObject({
  quotaCts: count.nullable().optional(),
  quotaRamBytes: bytes.nullable().optional(),
  quotaDiskBytes: bytes.nullable().optional(),
  quotaCpus: count.nullable().optional(),
  quotaIpv4: count.nullable().optional(),
  quotaIpv6: count.nullable().optional(),
});

export const CreateTenantInput = QuotaInput.extend({
  name: z.string().trim().min(1, "enter a name").max(100),
  slug: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "use lowercase letters, digits and dashes"),
  webhookUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
}).meta({ id: "CreateTenantInput" });
export type CreateTenantInput = z.infer<typeof CreateTenantInput>;

export const UpdateTenantInput = CreateTenantInput.partial().meta({ id: "UpdateTenantInput" });
export type UpdateTenantInput = z.infer<typeof UpdateTenantInput>;
