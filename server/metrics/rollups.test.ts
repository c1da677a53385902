// Rollups end to end against the real test database: samples into the
// store, minutes written, hours built from them, read back per range, and
// pruned by retention. Another tenant's CT reads as not found.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { getCtMetricsHistory } from "@/server/metrics/get-ct-metrics-history";
import { MetricsHistoryQuery } from "@/server/metrics/history-query";
import { METRIC_COUNT, METRIC_KEYS } from "@/server/metrics/metric-fields";
import { metricsStore } from "@/server/metrics/metrics-store";
import { pruneMetrics } from "@/server/metrics/prune-metrics";
import { rollUpHours } from "@/server/metrics/roll-up-hours";
import { writeMinuteRollups } from "@/server/metrics/write-minute-rollups";
import { makeActor, makeCustomer, makeNode, rnd } from "@/tests/helpers/fixtures";

const CPU = METRIC_KEYS.indexOf("cpuNode");
const RAM = METRIC_KEYS.indexOf("ram");
const created: string[] = [];

async function makeCt() {
  const { tenant, owner } = await makeCustomer();
  const node = await makeNode();
  const ct = await db().ct.create({
    data: { ctid: 1000 + Math.floor(Math.random() * 50_000), tenantId: tenant.id, nodeId: node.id, hostname: `m-${rnd()}`, ostemplate: "busybox", state: "RUNNING", ramBytes: 2n ** 28n, swapBytes: 0n, diskBytes: 2n ** 30n, diskInodes: 0n },
  });
  created.push(ct.id);
  return { ct, owner };
}

function sample(cpu: number, ram: number) {
  const v: (number | null)[] = Array(METRIC_COUNT).fill(null);
  v[CPU] = cpu;
  v[RAM] = ram;
  return v;
}

afterAll(async () => {
  await db().ctMetricMinute.deleteMany({ where: { ctId: { in: created } } });
  await db().ctMetricHour.deleteMany({ where: { ctId: { in: created } } });
  await db().ct.deleteMany({ where: { id: { in: created } } });
});

describe("metric rollups", () => {
  it("writes one-minute min/avg/max rows and reads them back for the 1h range", async () => {
    const { ct, owner } = await makeCt();
    const store = metricsStore();
    const now = Date.now();
    const m0 = Math.floor(now / 60_000) * 60_000 - 3 * 60_000; // three minutes ago
    // Minute 0: cpu 10, 20, 30; minute 1: cpu 50 x2; one sample in minute 2 closes minute 1.
    [10, 20, 30].forEach((c, i) => store.push(ct.id, m0 + i * 1000, sample(c, 100 * (i + 1))));
    [50, 50].forEach((c, i) => store.push(ct.id, m0 + 60_000 + i * 1000, sample(c, 1000)));
    store.push(ct.id, m0 + 120_000, sample(5, 10));
    const finished = store.takeFinishedMinutes(now).filter((m) => m.ctId === ct.id);
    expect(finished.map((m) => m.at)).toEqual([m0, m0 + 60_000]);
    expect(await writeMinuteRollups(finished)).toBe(2);
    // Written twice (a racing flush): kept once.
    expect(await writeMinuteRollups(finished)).toBe(0);

    const rows = await db().ctMetricMinute.findMany({ where: { ctId: ct.id }, orderBy: { at: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[0]!.count).toBe(3);
    expect((rows[0]!.stats as Record<string, number[]>).cpuNode).toEqual([10, 20, 30]);
    expect((rows[0]!.stats as Record<string, number[]>).ram).toEqual([100, 200, 300]);
    expect((rows[0]!.stats as Record<string, number[]>).swap).toBeUndefined(); // null samples are not zeros

    const h = await getCtMetricsHistory(owner.actor, ct.id, MetricsHistoryQuery.parse({ range: "1h" }), now);
    expect(h.step).toBe("1m");
    expect(h.t).toEqual([m0, m0 + 60_000]);
    expect(h.series.cpuNode!.avg).toEqual([20, 50]);
    expect(h.series.cpuNode!.min).toEqual([10, 50]);
    expect(h.series.cpuNode!.max).toEqual([30, 50]);
  });

  it("builds hourly rows from the minutes (count-weighted average) for the 30d range", async () => {
    const { ct, owner } = await makeCt();
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 3_600_000;
    await writeMinuteRollups([
      { ctId: ct.id, at: hour, count: 60, stats: { [CPU]: [0, 10, 20] } },
      { ctId: ct.id, at: hour + 60_000, count: 20, stats: { [CPU]: [5, 50, 90] } },
      { ctId: ct.id, at: hour + 3_600_000, count: 60, stats: { [CPU]: [1, 1, 1] } },
    ]);
    expect(await rollUpHours(new Date(hour), new Date(hour + 2 * 3_600_000))).toBeGreaterThanOrEqual(2);
    // Rebuilding the same hours replaces them.
    await rollUpHours(new Date(hour), new Date(hour + 2 * 3_600_000));
    const hours = await db().ctMetricHour.findMany({ where: { ctId: ct.id }, orderBy: { at: "asc" } });
    expect(hours).toHaveLength(2);
    expect(hours[0]!.count).toBe(80);
    expect((hours[0]!.stats as Record<string, number[]>).cpuNode).toEqual([0, 20, 90]); // (10*60 + 50*20) / 80

    const h = await getCtMetricsHistory(owner.actor, ct.id, MetricsHistoryQuery.parse({ range: "30d" }));
    expect(h.step).toBe("1h");
    expect(h.t).toEqual([hour, hour + 3_600_000]);
    expect(h.series.cpuNode!.avg).toEqual([20, 1]);
    // 1y defaults to one point a day.
    const y = await getCtMetricsHistory(owner.actor, ct.id, MetricsHistoryQuery.parse({ range: "1y" }));
    expect(y.step).toBe("1d");
    expect(y.t.length).toBeGreaterThanOrEqual(1);
  });

  it("15 minutes at 1 s comes from memory", async () => {
    const { ct, owner } = await makeCt();
    const now = Date.now();
    for (let i = 5; i > 0; i--) metricsStore().push(ct.id, now - i * 1000, sample(i, i));
    const h = await getCtMetricsHistory(owner.actor, ct.id, MetricsHistoryQuery.parse({ range: "15m" }), now);
    expect(h.step).toBe("1s");
    expect(h.series.cpuNode!.avg).toEqual([5, 4, 3, 2, 1]);
  });

  it("refuses ranges and steps the API does not offer, and other tenants' CTs", async () => {
    expect(MetricsHistoryQuery.safeParse({ range: "2h" }).success).toBe(false);
    expect(MetricsHistoryQuery.safeParse({ range: "1h", step: "1s" }).error?.issues[0]?.message).toBe("the 1h range is offered at 1m");
    expect(MetricsHistoryQuery.safeParse({ range: "1h", extra: "1" }).success).toBe(false);
    const { ct } = await makeCt();
    const { tenant } = await makeCustomer();
    const stranger = await makeActor("owner", tenant.id);
    await expect(getCtMetricsHistory(stranger.actor, ct.id, MetricsHistoryQuery.parse({ range: "1h" }))).rejects.toMatchObject({ code: "not_found" });
  });

  it("prunes minutes after 30 days and hours after a year", async () => {
    const { ct } = await makeCt();
    const now = Date.now();
    const day = 86_400_000;
    await writeMinuteRollups([
      { ctId: ct.id, at: now - 31 * day, count: 1, stats: {} },
      { ctId: ct.id, at: now - 29 * day, count: 1, stats: {} },
    ]);
    await db().ctMetricHour.createMany({ data: [{ ctId: ct.id, at: new Date(now - 366 * day), count: 1, stats: {} }, { ctId: ct.id, at: new Date(now - 364 * day), count: 1, stats: {} }] });
    await pruneMetrics(new Date(now));
    expect((await db().ctMetricMinute.findMany({ where: { ctId: ct.id } })).map((r) => r.at.getTime())).toEqual([now - 29 * day]);
    expect((await db().ctMetricHour.findMany({ where: { ctId: ct.id } })).map((r) => r.at.getTime())).toEqual([now - 364 * day]);
  });
});
