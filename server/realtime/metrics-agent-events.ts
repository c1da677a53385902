// The /agents side of metrics: registers the agent's batches on its socket.
// Kept here so agents-namespace.ts needs one line for it. `metrics:frame`
// is the columnar form (metrics-frame.ts); `metrics:batch` is the JSON form
// agents before it send, read into the same shape.
import type { Socket } from "socket.io";
import { MetricsBatch } from "@/server/agent/metrics-messages";
import { moduleLogger } from "@/server/logger";
import { ingestMetricsBatch } from "@/server/metrics/ingest-metrics-batch";
import { frameFromBatch, readMetricsFrame, type MetricsFrame } from "@/server/metrics/metrics-frame";
import { remoteMetrics } from "@/server/realtime/remote-metrics";

const log = moduleLogger("metrics");

// Frames waiting while one is stored: a big node's sample comes as several
// frames back to back; beyond this a slow database drops them, not piles them up.
const MAX_WAITING = 8;

export function handleMetricsBatches(socket: Socket, nodeId: string, nodeName: string): void {
  // One frame at a time per node, in arrival order.
  let busy = false;
  const waiting: MetricsFrame[] = [];
  let dropped = 0;
  const store = (f: MetricsFrame) => {
    busy = true;
    // Viewers on other replicas first: their charts need no database work.
    remoteMetrics().forward(nodeId, f);
    ingestMetricsBatch(nodeId, f)
      .catch((err) => log.error({ err, node: nodeName }, "storing a metrics batch failed"))
      .finally(() => {
        busy = false;
        const next = waiting.shift();
        if (next) store(next);
      });
  };
  const take = (read: () => { ok: true; frame: MetricsFrame } | { ok: false; error: string }) => {
    if (busy && waiting.length >= MAX_WAITING) {
      if (++dropped % 60 === 1) log.warn({ node: nodeName, dropped }, "metrics batch dropped: the previous ones are still being stored");
      return;
    }
    const r = read();
    if (!r.ok) return log.warn({ node: nodeName, issues: r.error }, "refused a malformed metrics batch");
    if (busy) waiting.push(r.frame);
    else store(r.frame);
  };
  socket.on("metrics:frame", (raw: unknown) => take(() => readMetricsFrame(raw)));
  socket.on("metrics:batch", (raw: unknown) =>
    take(() => {
      const p = MetricsBatch.safeParse(raw);
      if (!p.success) return { ok: false, error: p.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
      return { ok: true, frame: frameFromBatch(p.data) };
    }),
  );
}
