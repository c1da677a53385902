// The history ranges the API offers and, per range, the resolutions (steps)
// it can answer honestly from what is kept: 1 s samples for 15 minutes (in
// memory), one-minute rollups for 30 days, hourly rollups for a year.
import { z } from "zod";

export const HISTORY_RANGES = {
  "15m": { ms: 15 * 60_000, steps: ["1s", "1m"] },
  "1h": { ms: 3_600_000, steps: ["1m"] },
  "24h": { ms: 86_400_000, steps: ["1m", "5m"] },
  "7d": { ms: 7 * 86_400_000, steps: ["1h", "10m"] },
  "30d": { ms: 30 * 86_400_000, steps: ["1h"] },
  "1y": { ms: 365 * 86_400_000, steps: ["1d", "1h"] },
} as const;

export type HistoryRange = keyof typeof HISTORY_RANGES;
export const STEP_MS = { "1s": 1000, "1m": 60_000, "5m": 300_000, "10m": 600_000, "1h": 3_600_000, "1d": 86_400_000 } as const;
export type HistoryStep = keyof typeof STEP_MS;

const ranges = Object.keys(HISTORY_RANGES) as [HistoryRange, ...HistoryRange[]];
const steps = Object.keys(STEP_MS) as [HistoryStep, ...HistoryStep[]];

export const MetricsHistoryQuery = z
  .strictObject({
    range: z.enum(ranges, { error: `range must be one of ${ranges.join(", ")}` }),
    step: z.enum(steps, { error: `step must be one of ${steps.join(", ")}` }).optional(),
  })
  .superRefine((q, ctx) => {
    const offered: readonly string[] = HISTORY_RANGES[q.range].steps;
    if (q.step && !offered.includes(q.step)) ctx.addIssue({ code: "custom", path: ["step"], message: `the ${q.range} range is offered at ${offered.join(" or ")}` });
  });
export type MetricsHistoryQuery = z.output<typeof MetricsHistoryQuery>;
