import { z } from "zod";

export const CreateApiTokenInput = z
  .strictObject({
    name: z.string().trim().min(1, "enter a name").max(100),
    // Omitted by a customer (their own tenant); null by an admin for a provider token.
    tenantId: z.string().max(64).nullable().optional(),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .meta({ id: "CreateApiTokenInput" });
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenInput>;
