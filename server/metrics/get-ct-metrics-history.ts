// A CT's metrics over one of the offered ranges, as columns for the chart:
// t (ms) and, per metric, min/avg/max arrays. 15 minutes at 1 s comes from
// the in-memory ring; everything else from the rollup tables, bucketed to
// the step.
import type { Actor } from "@/server/access/actor";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { db } from "@/server/db/client";
import { combineRollups, type RollupStats } from "@/server/metrics/combine-rollups";
import { HISTORY_RANGES, STEP_MS, type MetricsHistoryQuery } from "@/server/metrics/history-query";
import { METRIC_KEYS } from "@/server/metrics/metric-fields";
import { fetchRecentMetrics } from "@/server/realtime/fetch-recent-metrics";

type Col = (number | null)[];
export type MetricsHistory = {
  range: string;
  step: string;
  stepMs: number;
  from: number;
  to: number;
  t: number[];
  series: Record<string, { min: Col; avg: Col; max: Col }>;
};

function emptySeries(): MetricsHistory["series"] {
  return Object.fromEntries(METRIC_KEYS.map((k) => [k, { min: [], avg: [], max: [] }]));
}

export async function getCtMetricsHistory(actor: Actor, ctId: string, q: MetricsHistoryQuery, now = Date.now()): Promise<MetricsHistory> {
  const ct = await getCtOrThrow(actor, ctId);
  const range = HISTORY_RANGES[q.range];
  const step = q.step ?? range.steps[0];
  const stepMs = STEP_MS[step];
  const from = now - range.ms;
  const out: MetricsHistory = { range: q.range, step, stepMs, from, to: now, t: [], series: emptySeries() };

  if (step === "1s") {
    // This replica's ring, or the one of the replica holding the CT's agent.
    const r = (await fetchRecentMetrics([ct.id], range.ms))[ct.id]!;
    out.t = r.t;
    METRIC_KEYS.forEach((k, i) => {
      const col = r.v.map((v) => v[i] ?? null);
      out.series[k] = { min: col, avg: col, max: col };
    });
    return out;
  }

  const hourly = stepMs >= STEP_MS["1h"];
  const where = { ctId: ct.id, at: { gte: new Date(Math.floor(from / stepMs) * stepMs), lte: new Date(now) } };
  const select = { at: true, count: true, stats: true } as const;
  const rows = hourly
    ? await db().ctMetricHour.findMany({ where, select, orderBy: { at: "asc" } })
    : await db().ctMetricMinute.findMany({ where, select, orderBy: { at: "asc" } });

  const buckets = new Map<number, { count: number; stats: RollupStats }[]>();
  for (const r of rows) {
    const b = Math.floor(r.at.getTime() / stepMs) * stepMs;
    const list = buckets.get(b) ?? [];
    list.push({ count: r.count, stats: r.stats as RollupStats });
    buckets.set(b, list);
  }
  for (const [b, list] of [...buckets].sort((x, y) => x[0] - y[0])) {
    const c = list.length === 1 ? list[0]! : combineRollups(list);
    out.t.push(b);
    for (const k of METRIC_KEYS) {
      const s = c.stats[k];
      out.series[k]!.min.push(s ? s[0] : null);
      out.series[k]!.avg.push(s ? s[1] : null);
      out.series[k]!.max.push(s ? s[2] : null);
    }
  }
  return out;
}
