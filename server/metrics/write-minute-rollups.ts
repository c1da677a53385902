// Writes the finished one-minute rollups (min, average, max per metric) to
// Postgres in one statement per flush. A minute already written (two
// flushes racing at shutdown) is kept, not doubled.
import { db } from "@/server/db/client";
import type { Prisma } from "@/server/generated/prisma/client";
import { METRIC_KEYS } from "@/server/metrics/metric-fields";
import type { FinishedMinute } from "@/server/metrics/metrics-store";

const round = (x: number) => Math.round(x * 1000) / 1000;

export async function writeMinuteRollups(minutes: FinishedMinute[]): Promise<number> {
  if (minutes.length === 0) return 0;
  const data = minutes.map((m) => {
    const stats: Record<string, [number, number, number]> = {};
    for (const [i, s] of Object.entries(m.stats)) stats[METRIC_KEYS[Number(i)]!] = [round(s[0]), round(s[1]), round(s[2])];
    return { ctId: m.ctId, at: new Date(m.at), count: m.count, stats: stats as Prisma.InputJsonValue };
  });
  const r = await db().ctMetricMinute.createMany({ data, skipDuplicates: true });
  return r.count;
}
