// The panel's in-memory metrics: the last 15 minutes of every CT's samples
// (one ring per CT, as received), the minute being accumulated for the
// rollup, and the latest node usage. Kept on globalThis because the custom
// server (which receives the agent's batches) and Next's route handlers
// (which answer the 15-minute history) are separate module graphs in one
// process. Each replica holds the CTs of the agents connected to it.
//
// 500 CTs push a sample each every second, so a push allocates nothing: the
// rings and the minute accumulators are typed arrays (NaN stands for null)
// filled in place, and plain arrays are built only when someone reads.
import { METRIC_COUNT, type MetricValues } from "@/server/metrics/metric-fields";

export const LIVE_WINDOW_MS = 15 * 60_000;
// Enough for 15 minutes at the fastest interval the agent accepts (100 ms) is
// too much memory at 500 CTs; 15 minutes at 1 s plus slack is what we keep.
const RING_CAPACITY = 1024;

// v holds RING_CAPACITY rows of METRIC_COUNT values.
export type Ring = { t: Float64Array; v: Float64Array; head: number; size: number };

// min/max start as NaN (no value yet); n counts the non-null values per metric.
export type MinuteAccumulator = { at: number; count: number; min: Float64Array; max: Float64Array; sum: Float64Array; n: Float64Array };

export type FinishedMinute = { ctId: string; at: number; count: number; stats: Record<number, [number, number, number]> };

export type NodeUsage = { t: number; cpuPct: number | null; memUsed: number | null; memTotal: number | null; cpus: number; runningCts: number };

export type MetricsStore = {
  push: (ctId: string, t: number, v: MetricValues) => void;
  // One sample from a columnar batch: METRIC_COUNT values of `src` from `offset`, NaN = null.
  pushFrom: (ctId: string, t: number, src: Float64Array, offset: number) => void;
  recent: (ctId: string, sinceMs?: number) => { t: number[]; v: MetricValues[] };
  latest: (ctId: string) => { t: number; v: MetricValues } | null;
  takeFinishedMinutes: (now: number, all?: boolean) => FinishedMinute[];
  setOomKills: (ctId: string, n: number) => void;
  oomKills: (ctId: string) => number | null;
  setNodeUsage: (nodeId: string, u: NodeUsage) => void;
  nodeUsage: (nodeId: string) => NodeUsage | null;
  forget: (ctId: string) => void;
  ctIds: () => string[];
};

function newAccumulator(at: number): MinuteAccumulator {
  return { at, count: 0, min: new Float64Array(METRIC_COUNT).fill(NaN), max: new Float64Array(METRIC_COUNT).fill(NaN), sum: new Float64Array(METRIC_COUNT), n: new Float64Array(METRIC_COUNT) };
}

function reset(a: MinuteAccumulator, at: number) {
  a.at = at;
  a.count = 0;
  a.min.fill(NaN);
  a.max.fill(NaN);
  a.sum.fill(0);
  a.n.fill(0);
}

function finish(ctId: string, a: MinuteAccumulator): FinishedMinute {
  const stats: FinishedMinute["stats"] = {};
  for (let i = 0; i < METRIC_COUNT; i++) if (a.n[i]! > 0) stats[i] = [a.min[i]!, a.sum[i]! / a.n[i]!, a.max[i]!];
  return { ctId, at: a.at, count: a.count, stats };
}

const valueAt = (r: Ring, row: number): MetricValues => {
  const out: MetricValues = new Array(METRIC_COUNT);
  const base = row * METRIC_COUNT;
  for (let i = 0; i < METRIC_COUNT; i++) {
    const x = r.v[base + i]!;
    out[i] = Number.isNaN(x) ? null : x;
  }
  return out;
};

function createStore(): MetricsStore {
  const rings = new Map<string, Ring>();
  const minutes = new Map<string, MinuteAccumulator>();
  const finished: FinishedMinute[] = [];
  const ooms = new Map<string, number>();
  const nodes = new Map<string, NodeUsage>();
  // push() of a plain array goes through this, one row at a time.
  const scratch = new Float64Array(METRIC_COUNT);

  const pushFrom = (ctId: string, t: number, src: Float64Array, offset: number) => {
    let r = rings.get(ctId);
    if (!r) rings.set(ctId, (r = { t: new Float64Array(RING_CAPACITY), v: new Float64Array(RING_CAPACITY * METRIC_COUNT), head: 0, size: 0 }));
    r.t[r.head] = t;
    // A loop, not set(subarray()): a subarray is an object per sample.
    const base = r.head * METRIC_COUNT;
    for (let i = 0; i < METRIC_COUNT; i++) r.v[base + i] = src[offset + i]!;
    r.head = (r.head + 1) % RING_CAPACITY;
    if (r.size < RING_CAPACITY) r.size++;

    const minute = Math.floor(t / 60_000) * 60_000;
    let a = minutes.get(ctId);
    if (!a) minutes.set(ctId, (a = newAccumulator(minute)));
    else if (a.at !== minute) {
      if (a.count > 0) finished.push(finish(ctId, a));
      reset(a, minute);
    }
    a.count++;
    for (let i = 0; i < METRIC_COUNT; i++) {
      const x = src[offset + i]!;
      if (Number.isNaN(x)) continue;
      a.sum[i]! += x;
      a.n[i]!++;
      // NaN compares false: the first value sets both.
      if (!(x >= a.min[i]!)) a.min[i] = x;
      if (!(x <= a.max[i]!)) a.max[i] = x;
    }
  };

  return {
    push(ctId, t, v) {
      for (let i = 0; i < METRIC_COUNT; i++) {
        const x = v[i];
        scratch[i] = x === null || x === undefined ? NaN : x;
      }
      pushFrom(ctId, t, scratch, 0);
    },
    pushFrom,
    recent(ctId, sinceMs = LIVE_WINDOW_MS) {
      const r = rings.get(ctId);
      const out = { t: [] as number[], v: [] as MetricValues[] };
      if (!r) return out;
      const from = Date.now() - sinceMs;
      for (let k = 0; k < r.size; k++) {
        const i = (r.head - r.size + k + RING_CAPACITY) % RING_CAPACITY;
        if (r.t[i]! < from) continue;
        out.t.push(r.t[i]!);
        out.v.push(valueAt(r, i));
      }
      return out;
    },
    latest(ctId) {
      const r = rings.get(ctId);
      if (!r || r.size === 0) return null;
      const i = (r.head - 1 + RING_CAPACITY) % RING_CAPACITY;
      return { t: r.t[i]!, v: valueAt(r, i) };
    },
    // Minutes that are over: closed by a later sample, or (all, at shutdown,
    // or a CT that stopped sending) older than the current minute.
    takeFinishedMinutes(now, all = false) {
      const current = Math.floor(now / 60_000) * 60_000;
      for (const [ctId, a] of minutes) {
        if ((all || a.at < current - 60_000) && a.count > 0) {
          finished.push(finish(ctId, a));
          minutes.delete(ctId);
        }
      }
      return finished.splice(0);
    },
    setOomKills: (ctId, n) => void ooms.set(ctId, n),
    oomKills: (ctId) => ooms.get(ctId) ?? null,
    setNodeUsage: (nodeId, u) => void nodes.set(nodeId, u),
    nodeUsage: (nodeId) => nodes.get(nodeId) ?? null,
    forget(ctId) {
      rings.delete(ctId);
      ooms.delete(ctId);
    },
    ctIds: () => [...rings.keys()],
  };
}

const g = globalThis as unknown as { corralMetricsStore?: MetricsStore };

export function metricsStore(): MetricsStore {
  g.corralMetricsStore ??= createStore();
  return g.corralMetricsStore;
}
