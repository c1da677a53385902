// The metrics part of the /agents protocol. `metrics:batch` carries one
// sample of every running CT on the node (fire-and-forget, once per interval);
// `ubc:read` is the panel asking for one CT's beancounters. Parsed on the
// receiving side like every other agent message.
import { z } from "zod";
import { METRIC_COUNT } from "@/server/metrics/metric-fields";

const ctid = z.number().int().min(1).max(2_147_483_647);
const value = z.number().finite().nullable();

// A failure counter that went up since the previous sample: a beancounter's
// failcnt (physpages, swappages, numproc) or an OOM kill, with the victim's
// command name when the kernel log said it.
export const LimitHit = z.object({
  ctid,
  resource: z.enum(["physpages", "swappages", "numproc", "oom_kill"]),
  count: z.number().int().min(1).max(1_000_000_000),
  // The limit that was hit, in the resource's unit (bytes, processes).
  limit: z.number().nonnegative().nullable(),
  processes: z.array(z.string().max(64)).max(50).default([]),
});
export type LimitHit = z.infer<typeof LimitHit>;

export const MetricsBatch = z.object({
  t: z.number().int().positive(), // sample time, ms since the epoch
  intervalMs: z.number().int().min(100).max(3_600_000),
  // [ctid, ...values in METRIC_FIELDS order]
  cts: z.array(z.tuple([ctid], value).refine((row) => row.length === METRIC_COUNT + 1, "one value per metric field")).max(100_000),
  hits: z.array(LimitHit).max(10_000).default([]),
  // Failure counters as corralctl reports them now, by CTID, so a viewer of
  // the beancounter table sees OOM kills the ubc rows cannot count.
  oomKills: z.array(z.tuple([ctid, z.number().int().nonnegative()])).max(100_000).default([]),
  node: z
    .object({
      cpuPct: value,
      memUsed: value,
      memTotal: value,
      cpus: z.number().int().positive(),
    })
    .optional(),
});
export type MetricsBatch = z.infer<typeof MetricsBatch>;

export const UbcRequest = z.object({ ctid });
export type UbcRequest = z.infer<typeof UbcRequest>;

const count = z.number().nonnegative();
export const UbcRow = z.object({ held: count, maxheld: count, barrier: count, limit: count, failcnt: count });
export const UbcReply = z.object({ ctid, beancounters: z.record(z.string().max(32), UbcRow), oomKills: z.number().int().nonnegative().nullable() });
export type UbcReply = z.infer<typeof UbcReply>;
