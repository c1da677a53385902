// The /agents side of metrics: registers the agent's `metrics:batch` on its
// socket. Kept here so agents-namespace.ts needs one line for it.
import type { Socket } from "socket.io";
import { MetricsBatch } from "@/server/agent/metrics-messages";
import { moduleLogger } from "@/server/logger";
import { ingestMetricsBatch } from "@/server/metrics/ingest-metrics-batch";
import { remoteMetrics } from "@/server/realtime/remote-metrics";

const log = moduleLogger("metrics");

export function handleMetricsBatches(socket: Socket, nodeId: string, nodeName: string): void {
  // One batch at a time per node: a slow database must not pile them up.
  let busy = false;
  let dropped = 0;
  socket.on("metrics:batch", (raw: unknown) => {
    if (busy) {
      if (++dropped % 60 === 1) log.warn({ node: nodeName, dropped }, "metrics batch dropped: the previous one is still being stored");
      return;
    }
    const p = MetricsBatch.safeParse(raw);
    if (!p.success) return log.warn({ node: nodeName, issues: p.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }, "refused a malformed metrics batch");
    busy = true;
    // Viewers on other replicas first: their charts need no database work.
    remoteMetrics().forward(nodeId, p.data);
    ingestMetricsBatch(nodeId, p.data)
      .catch((err) => log.error({ err, node: nodeName }, "storing a metrics batch failed"))
      .finally(() => (busy = false));
  });
}
