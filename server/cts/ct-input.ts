import { z } from "zod";

export const ProvisionCtInput = z
  .strictObject({
    tenantId: z.string().max(64).optional().describe("required for provider tokens; customers provision into their own tenant"),
    planId: z.string().min(1, "choose a plan").max(64),
    hostname: z
      .string()
      .trim()
      .min(1, "enter a host name")
      .max(253)
      .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i, "use letters, digits, dashes and dots"),
    ostemplate: z.string().trim().min(1).max(100).regex(/^[\w.-]+$/, "use a template name like debian-12").default("busybox"),
    nodeId: z.string().max(64).optional(),
    idempotencyKey: z.string().min(1).max(100).optional().describe("a retry with the same key returns the first result"),
  })
  .meta({ id: "ProvisionCtInput" });
export type ProvisionCtInput = z.input<typeof ProvisionCtInput>;

export const ChangeCtPlanInput = z.strictObject({ planId: z.string().min(1).max(64) }).meta({ id: "ChangeCtPlanInput" });
export type ChangeCtPlanInput = z.infer<typeof ChangeCtPlanInput>;
