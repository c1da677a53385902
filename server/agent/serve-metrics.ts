// The metrics side of the agent's connection: the sampler's frames go to
// the panel while connected (dropped while not: the panel's history has a
// gap rather than a burst), and `ubc:read` answers one CT's beancounters.
import type { Socket } from "socket.io-client";
import { ackReply } from "@/server/agent/ack-reply";
import { UbcRequest, type UbcReply } from "@/server/agent/metrics-messages";
import { runCorralctl, type CorralctlOptions } from "@/server/agent/run-corralctl";
import { startMetricsSampler } from "@/server/agent/sample-metrics";
import type { StatsLine } from "@/server/agent/derive-ct-metrics";
import { moduleLogger } from "@/server/logger";

const log = moduleLogger("agent-metrics");

export const DEFAULT_METRICS_INTERVAL_MS = 1000;

export function serveMetrics(socket: Socket, ctl: CorralctlOptions, intervalMs = DEFAULT_METRICS_INTERVAL_MS): () => void {
  const sampler = startMetricsSampler({
    bin: ctl.bin,
    root: ctl.root,
    intervalMs,
    emit: (frame) => {
      if (socket.connected) socket.emit("metrics:frame", frame);
    },
  });
  socket.on(
    "ubc:read",
    ackReply(
      UbcRequest,
      async ({ ctid }): Promise<UbcReply> => {
        const opts = { ...ctl, timeoutMs: 10_000 };
        const [rows, stats] = await Promise.all([
          runCorralctl<{ ctid: number; beancounters: UbcReply["beancounters"] }[]>(["ubc", String(ctid)], opts),
          // The ubc rows have no OOM-kill counter; the stats line has.
          runCorralctl<StatsLine>(["stats"], opts).catch(() => null),
        ]);
        const row = rows?.find((r) => r.ctid === ctid);
        const oomKills = stats?.cts.find((c) => c.ctid === ctid)?.memory.oom_kills ?? null;
        return { ctid, beancounters: row?.beancounters ?? {}, oomKills };
      },
      (issues) => log.warn({ issues }, "refused a malformed ubc:read"),
    ),
  );
  return () => sampler.stop();
}
