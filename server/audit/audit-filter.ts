import { z } from "zod";

export const AuditFilter = z
  .strictObject({
    action: z.string().max(100).optional(),
    tenantId: z.string().max(64).optional(),
    ctId: z.string().max(64).optional(),
    actor: z.string().max(254).optional(),
    result: z.enum(["success", "failure"]).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(200),
  })
  .meta({ id: "AuditFilter" });
export type AuditFilter = z.input<typeof AuditFilter>;
