// One agent batch into the panel: each CT's sample into its ring and minute
// rollup, out to the CT's room if anyone watches it on this replica, and
// limit hits onto the timeline. The work is per CT and per batch; a viewer
// costs one socket write of an already-encoded packet, nothing more.
import type { MetricsBatch } from "@/server/agent/metrics-messages";
import { db } from "@/server/db/client";
import { moduleLogger } from "@/server/logger";
import { metricsStore } from "@/server/metrics/metrics-store";
import { recordLimitHit, type HitCt } from "@/server/metrics/record-limit-hit";
import { ctMetricsRoom } from "@/server/realtime/metrics-rooms";
import { socketIo } from "@/server/realtime/socket-io-instance";

const log = moduleLogger("metrics");

// CTID -> CT row per node. Re-read when a CTID is unknown (a new CT), at most
// this often, so a CT the database does not know costs no query per sample.
const CT_CACHE_TTL_MS = 30_000;
const MISS_RETRY_MS = 5_000;
type NodeCts = { byCtid: Map<number, HitCt>; at: number };
const cache = new Map<string, NodeCts>();

async function nodeCts(nodeId: string, need: number[], now: number): Promise<NodeCts> {
  const c = cache.get(nodeId);
  const stale = !c || now - c.at > CT_CACHE_TTL_MS;
  const missing = c && need.some((id) => !c.byCtid.has(id)) && now - c.at > MISS_RETRY_MS;
  if (c && !stale && !missing) return c;
  const rows = await db().ct.findMany({ where: { nodeId }, select: { id: true, ctid: true, tenantId: true, hostname: true } });
  const fresh = { byCtid: new Map(rows.map((r) => [r.ctid, { id: r.id, tenantId: r.tenantId, hostname: r.hostname }])), at: now };
  cache.set(nodeId, fresh);
  return fresh;
}

export async function ingestMetricsBatch(nodeId: string, batch: MetricsBatch): Promise<void> {
  const now = Date.now();
  const store = metricsStore();
  const cts = await nodeCts(nodeId, batch.cts.map((r) => r[0]), now);
  const ns = socketIo()?.of("/metrics");
  for (const row of batch.cts) {
    const ct = cts.byCtid.get(row[0]);
    if (!ct) continue; // an orphan CT: reconciliation's business, not charted
    const v = row.slice(1) as (number | null)[];
    store.push(ct.id, batch.t, v);
    const room = ctMetricsRoom(ct.id);
    // Local rooms only: broadcasting through the replicas' Postgres adapter
    // would be a NOTIFY per CT per second whether anyone watches or not.
    if (ns?.adapter.rooms.get(room)?.size) ns.local.to(room).emit("data", { ctId: ct.id, t: batch.t, v });
  }
  for (const [ctid, n] of batch.oomKills) {
    const ct = cts.byCtid.get(ctid);
    if (ct) store.setOomKills(ct.id, n);
  }
  if (batch.node) store.setNodeUsage(nodeId, { t: batch.t, ...batch.node, runningCts: batch.cts.length });
  for (const hit of batch.hits) {
    const ct = cts.byCtid.get(hit.ctid);
    if (!ct) continue;
    await recordLimitHit(ct, hit, new Date(batch.t)).catch((err) => log.error({ err, ctId: ct.id }, "recording a limit hit failed"));
  }
}
