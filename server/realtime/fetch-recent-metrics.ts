// The last minutes of CTs' samples, wherever they are kept: this replica's
// rings, or (for CTs whose agent is on another replica) that replica's,
// asked through the adapter (`metrics:recent`, remote-metrics.ts). Each CT
// gets the longest answer; a replica that does not answer in time is left out.
import type { MetricValues } from "@/server/metrics/metric-fields";
import { LIVE_WINDOW_MS, metricsStore } from "@/server/metrics/metrics-store";
import { socketIo } from "@/server/realtime/socket-io-instance";

type Samples = { t: number[]; v: MetricValues[] };

export async function fetchRecentMetrics(ctIds: string[], sinceMs = LIVE_WINDOW_MS): Promise<Record<string, Samples>> {
  const store = metricsStore();
  const out: Record<string, Samples> = Object.fromEntries(ctIds.map((id) => [id, store.recent(id, sinceMs)]));
  const missing = ctIds.filter((id) => out[id]!.t.length === 0);
  const ns = socketIo()?.of("/metrics");
  if (!ns || missing.length === 0) return out;
  const answers = await new Promise<Record<string, Samples>[]>((resolve) => {
    try {
      ns.serverSideEmit("metrics:recent", missing, sinceMs, (_err: Error | null, responses: Record<string, Samples>[]) => resolve(responses ?? []));
    } catch {
      resolve([]);
    }
  });
  for (const a of answers) {
    if (!a || typeof a !== "object") continue;
    for (const id of missing) {
      const r = a[id];
      if (r && Array.isArray(r.t) && Array.isArray(r.v) && r.t.length > out[id]!.t.length) out[id] = { t: r.t, v: r.v };
    }
  }
  return out;
}
