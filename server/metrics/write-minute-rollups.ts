// Writes the finished one-minute rollups (min, average, max per metric) to
// Postgres in one statement per flush: four arrays unnested into rows, so 500
// CTs' minutes cost one round trip and no per-row query building. A minute
// already written (two flushes racing at shutdown) is kept, not doubled.
import { db } from "@/server/db/client";
import { METRIC_KEYS } from "@/server/metrics/metric-fields";
import type { FinishedMinute } from "@/server/metrics/metrics-store";

const round = (x: number) => Math.round(x * 1000) / 1000;

export async function writeMinuteRollups(minutes: FinishedMinute[]): Promise<number> {
  if (minutes.length === 0) return 0;
  const ids: string[] = [];
  const ats: string[] = [];
  const counts: number[] = [];
  const stats: string[] = [];
  for (const m of minutes) {
    const s: Record<string, [number, number, number]> = {};
    for (const [i, v] of Object.entries(m.stats)) s[METRIC_KEYS[Number(i)]!] = [round(v[0]), round(v[1]), round(v[2])];
    ids.push(m.ctId);
    // "at" is a timestamp without time zone holding UTC; the cast ignores the Z.
    ats.push(new Date(m.at).toISOString());
    counts.push(m.count);
    stats.push(JSON.stringify(s));
  }
  return db().$executeRaw`
    INSERT INTO "ct_metric_minute" ("ct_id", "at", "count", "stats")
    SELECT * FROM unnest(${ids}::text[], ${ats}::timestamp(3)[], ${counts}::int[], ${stats}::jsonb[])
    ON CONFLICT ("ct_id", "at") DO NOTHING`;
}
