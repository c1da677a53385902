import { z } from "zod";

const bytes = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const GiB = 2 ** 30;

export const CreatePlanInput = z
  .strictObject({
    name: z.string().trim().min(1, "enter a name").max(100),
    ramBytes: bytes.min(64 * 2 ** 20, "at least 64 MiB"),
    swapBytes: bytes.default(0),
    diskBytes: bytes.min(256 * 2 ** 20, "at least 256 MiB"),
    diskInodes: bytes.min(1000).default(200_000),
    cpuUnits: z.number().int().min(8).max(500_000).default(1000),
    cpuLimitPct: z.number().int().min(0).max(100_000).default(0),
    cpus: z.number().int().min(0).max(4096).default(0),
    numproc: z.number().int().min(0).max(10_000_000).default(0),
    ioprio: z.number().int().min(0).max(7).default(4),
    ioLimitBps: bytes.default(0),
    iopsLimit: z.number().int().min(0).max(10_000_000).default(0),
    trafficBytesMonth: bytes.default(0),
    ipv4Count: z.number().int().min(0).max(256).default(1),
    ipv6Count: z.number().int().min(0).max(256).default(0),
    backups: z.number().int().min(0).max(1000).default(0),
  })
  .meta({ id: "CreatePlanInput", description: `Sizes in bytes (1 GiB = ${GiB}).` });
export type CreatePlanInput = z.infer<typeof CreatePlanInput>;

export const UpdatePlanInput = z
  .strictObject({
    ...Object.fromEntries(Object.entries(CreatePlanInput.shape).map(([k, v]) => [k, v instanceof z.ZodDefault ? v.unwrap().optional() : v.optional()])),
    archived: z.boolean().optional(),
  })
  .meta({ id: "UpdatePlanInput" }) as unknown as z.ZodType<Partial<CreatePlanInput> & { archived?: boolean }>;
export type UpdatePlanInput = Partial<CreatePlanInput> & { archived?: boolean };
