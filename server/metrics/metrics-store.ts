// The panel's in-memory metrics: the last 15 minutes of every CT's samples
// (one ring per CT, as received), the minute being accumulated for the
// rollup, and the latest node usage. Kept on globalThis because the custom
// server (which receives the agent's batches) and Next's route handlers
// (which answer the 15-minute history) are separate module graphs in one
// process. Each replica holds the CTs of the agents connected to it.
import { METRIC_COUNT, type MetricValues } from "@/server/metrics/metric-fields";

export const LIVE_WINDOW_MS = 15 * 60_000;
// Enough for 15 minutes at the fastest interval the agent accepts (100 ms) is
// too much memory at 500 CTs; 15 minutes at 1 s plus slack is what we keep.
const RING_CAPACITY = 1024;

export type Ring = { t: Float64Array; v: MetricValues[]; head: number; size: number };

export type MinuteAccumulator = { at: number; count: number; min: MetricValues; max: MetricValues; sum: number[]; n: number[] };

export type FinishedMinute = { ctId: string; at: number; count: number; stats: Record<number, [number, number, number]> };

export type NodeUsage = { t: number; cpuPct: number | null; memUsed: number | null; memTotal: number | null; cpus: number; runningCts: number };

export type MetricsStore = {
  push: (ctId: string, t: number, v: MetricValues) => void;
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
  return { at, count: 0, min: Array(METRIC_COUNT).fill(null), max: Array(METRIC_COUNT).fill(null), sum: Array(METRIC_COUNT).fill(0), n: Array(METRIC_COUNT).fill(0) };
}

function finish(ctId: string, a: MinuteAccumulator): FinishedMinute {
  const stats: FinishedMinute["stats"] = {};
  for (let i = 0; i < METRIC_COUNT; i++) if (a.n[i]! > 0) stats[i] = [a.min[i]!, a.sum[i]! / a.n[i]!, a.max[i]!];
  return { ctId, at: a.at, count: a.count, stats };
}

function createStore(): MetricsStore {
  const rings = new Map<string, Ring>();
  const minutes = new Map<string, MinuteAccumulator>();
  const finished: FinishedMinute[] = [];
  const ooms = new Map<string, number>();
  const nodes = new Map<string, NodeUsage>();

  return {
    push(ctId, t, v) {
      let r = rings.get(ctId);
      if (!r) rings.set(ctId, (r = { t: new Float64Array(RING_CAPACITY), v: Array(RING_CAPACITY), head: 0, size: 0 }));
      r.t[r.head] = t;
      r.v[r.head] = v;
      r.head = (r.head + 1) % RING_CAPACITY;
      r.size = Math.min(r.size + 1, RING_CAPACITY);

      const minute = Math.floor(t / 60_000) * 60_000;
      let a = minutes.get(ctId);
      if (a && a.at !== minute) {
        if (a.count > 0) finished.push(finish(ctId, a));
        a = undefined;
      }
      if (!a) minutes.set(ctId, (a = newAccumulator(minute)));
      a.count++;
      for (let i = 0; i < METRIC_COUNT; i++) {
        const x = v[i];
        if (x === null || x === undefined) continue;
        a.sum[i]! += x;
        a.n[i]!++;
        if (a.min[i] === null || x < a.min[i]!) a.min[i] = x;
        if (a.max[i] === null || x > a.max[i]!) a.max[i] = x;
      }
    },
    recent(ctId, sinceMs = LIVE_WINDOW_MS) {
      const r = rings.get(ctId);
      const out = { t: [] as number[], v: [] as MetricValues[] };
      if (!r) return out;
      const from = Date.now() - sinceMs;
      for (let k = 0; k < r.size; k++) {
        const i = (r.head - r.size + k + RING_CAPACITY) % RING_CAPACITY;
        if (r.t[i]! < from) continue;
        out.t.push(r.t[i]!);
        out.v.push(r.v[i]!);
      }
      return out;
    },
    latest(ctId) {
      const r = rings.get(ctId);
      if (!r || r.size === 0) return null;
      const i = (r.head - 1 + RING_CAPACITY) % RING_CAPACITY;
      return { t: r.t[i]!, v: r.v[i]! };
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
