import { z } from "zod";

export const CreateIpPoolInput = z
  .strictObject({
    name: z.string().trim().min(1, "enter a name").max(100),
    cidr: z.string().trim().max(64).describe("the network, e.g. 10.77.0.0/24 or 2001:db8::/64"),
    gateway: z.string().trim().max(64).nullable().optional(),
    nodeId: z.string().max(64).nullable().optional().describe("null: shared by every node"),
  })
  .meta({ id: "CreateIpPoolInput" });
export type CreateIpPoolInput = z.infer<typeof CreateIpPoolInput>;

export const AddIpRangeInput = z
  .strictObject({
    first: z.string().trim().max(64).describe("first address of the range, inside the pool's network"),
    last: z.string().trim().max(64).describe("last address, inclusive"),
  })
  .meta({ id: "AddIpRangeInput" });
export type AddIpRangeInput = z.infer<typeof AddIpRangeInput>;

export const SetReverseDnsInput = z
  .strictObject({
    reverseDns: z
      .string()
      .trim()
      .max(253)
      .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.?$/i, "use a host name like mail.example.com")
      .nullable(),
  })
  .meta({ id: "SetReverseDnsInput" });
export type SetReverseDnsInput = z.infer<typeof SetReverseDnsInput>;
