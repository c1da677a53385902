// Builds the hourly rollups of every CT from its minute rows, for the hours
// that overlap [from, to). The current hour is rebuilt on every run, so the
// 30-day and 1-year charts reach up to the last few minutes.
import { db } from "@/server/db/client";
import type { Prisma } from "@/server/generated/prisma/client";
import { combineRollups, type RollupStats } from "@/server/metrics/combine-rollups";

const HOUR = 3_600_000;

export async function rollUpHours(from: Date, to: Date): Promise<number> {
  const start = new Date(Math.floor(from.getTime() / HOUR) * HOUR);
  const rows = await db().ctMetricMinute.findMany({ where: { at: { gte: start, lt: to } }, select: { ctId: true, at: true, count: true, stats: true } });
  const groups = new Map<string, { ctId: string; at: Date; rows: { count: number; stats: RollupStats }[] }>();
  for (const r of rows) {
    const at = Math.floor(r.at.getTime() / HOUR) * HOUR;
    const key = `${r.ctId}|${at}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ctId: r.ctId, at: new Date(at), rows: [] }));
    g.rows.push({ count: r.count, stats: r.stats as RollupStats });
  }
  const hours = [...groups.values()].map((g) => ({ ctId: g.ctId, at: g.at, ...combineRollups(g.rows) }));
  // Replace, not skip: the hour may have grown since the last run.
  for (let i = 0; i < hours.length; i += 500) {
    const chunk = hours.slice(i, i + 500);
    await db().$transaction([
      db().ctMetricHour.deleteMany({ where: { OR: chunk.map((h) => ({ ctId: h.ctId, at: h.at })) } }),
      db().ctMetricHour.createMany({ data: chunk.map((h) => ({ ctId: h.ctId, at: h.at, count: h.count, stats: h.stats as Prisma.InputJsonValue })) }),
    ]);
  }
  return hours.length;
}
