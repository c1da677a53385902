// The columnar metrics frame: what the agent packs the panel reads back in
// place (nulls as NaN and back), malformed frames are refused with a reason,
// an older agent's JSON batch reads as the same frame, and the store keeps
// a frame's rows and minute statistics without per-sample arrays.
import { describe, expect, it } from "vitest";
import { METRIC_COUNT, METRIC_KEYS, type MetricValues } from "@/server/metrics/metric-fields";
import { frameFromBatch, frameValues, packFrameRows, readMetricsFrame } from "@/server/metrics/metrics-frame";
import { metricsStore } from "@/server/metrics/metrics-store";

const values = (seed: number): MetricValues => Array.from({ length: METRIC_COUNT }, (_, i) => (i % 3 === 0 ? null : seed * 1000 + i + 0.5));
const header = { t: 1_700_000_000_000, intervalMs: 1000, columns: METRIC_COUNT, hits: [], oomKills: [[101, 2]], node: { cpuPct: 12.5, memUsed: 1, memTotal: 2, cpus: 2 } };

describe("metrics frame", () => {
  it("reads back what the agent packed, at any buffer offset", () => {
    const packed = packFrameRows([101, 2_000_000_000], [values(1), values(2)]);
    // A received Buffer often sits at an odd offset inside a larger one.
    const shifted = Buffer.alloc(packed.length + 3);
    packed.copy(shifted, 3);
    for (const rows of [packed, shifted.subarray(3)]) {
      const r = readMetricsFrame({ ...header, rows });
      if (!r.ok) throw new Error(r.error);
      expect(r.frame.count).toBe(2);
      expect(r.frame.rows[r.frame.stride]).toBe(2_000_000_000);
      expect(frameValues(r.frame, 0)).toEqual(values(1));
      expect(frameValues(r.frame, 1)).toEqual(values(2));
      expect(r.frame.oomKills).toEqual([[101, 2]]);
    }
  });

  it("refuses partial rows, bad CTIDs, infinities and a malformed header", () => {
    const good = packFrameRows([101], [values(1)]);
    expect(readMetricsFrame({ ...header, rows: good.subarray(0, good.length - 8) })).toMatchObject({ ok: false, error: expect.stringContaining("whole number") });
    expect(readMetricsFrame({ ...header, rows: packFrameRows([0], [values(1)]) })).toMatchObject({ ok: false, error: "rows.0.0: not a CTID" });
    expect(readMetricsFrame({ ...header, rows: packFrameRows([1.5], [values(1)]) })).toMatchObject({ ok: false, error: "rows.0.0: not a CTID" });
    const inf = values(1);
    inf[4] = Infinity;
    expect(readMetricsFrame({ ...header, rows: packFrameRows([101], [inf]) })).toMatchObject({ ok: false, error: "rows.0.5: not a finite number" });
    expect(readMetricsFrame({ ...header, t: "now", rows: good })).toMatchObject({ ok: false });
    expect(readMetricsFrame({ ...header, rows: [1, 2, 3] })).toMatchObject({ ok: false });
  });

  it("reads an older agent's JSON batch as the same frame", () => {
    const f = frameFromBatch({ t: header.t, intervalMs: 1000, cts: [[101, ...values(3)] as [number, ...(number | null)[]]], hits: [], oomKills: [] });
    expect(f.count).toBe(1);
    expect(f.rows[0]).toBe(101);
    expect(frameValues(f, 0)).toEqual(values(3));
  });

  it("the store keeps frame rows and rolls their minute up, nulls left out", () => {
    const store = metricsStore();
    const id = `frame-${Date.now()}`;
    const cpu = METRIC_KEYS.indexOf("cpuNode");
    const ram = METRIC_KEYS.indexOf("ram");
    const m0 = Math.floor(Date.now() / 60_000) * 60_000 - 120_000;
    const rows = [10, 30, 20].map((x) => {
      const v: MetricValues = Array(METRIC_COUNT).fill(null);
      v[cpu] = x;
      v[ram] = x === 30 ? null : x * 100;
      return v;
    });
    const f = packFrameRows([7, 7, 7], rows);
    const r = readMetricsFrame({ ...header, rows: f });
    if (!r.ok) throw new Error(r.error);
    for (let k = 0; k < 3; k++) store.pushFrom(id, m0 + k * 1000, r.frame.rows, k * r.frame.stride + 1);
    store.push(id, m0 + 60_000, rows[0]!); // closes the minute
    const recent = store.recent(id, 10 * 60_000);
    expect(recent.t).toEqual([m0, m0 + 1000, m0 + 2000, m0 + 60_000]);
    expect(recent.v.slice(0, 3)).toEqual(rows);
    expect(store.latest(id)).toEqual({ t: m0 + 60_000, v: rows[0] });
    const minute = store.takeFinishedMinutes(Date.now()).find((m) => m.ctId === id && m.at === m0)!;
    expect(minute.count).toBe(3);
    expect(minute.stats[cpu]).toEqual([10, 20, 30]);
    expect(minute.stats[ram]).toEqual([1000, 1500, 2000]);
    expect(minute.stats[METRIC_KEYS.indexOf("swap")]).toBeUndefined();
    store.forget(id);
  });
});
