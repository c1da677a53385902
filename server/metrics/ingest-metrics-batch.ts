// One agent batch into the panel: each CT's sample into its ring and minute
// rollup, out to the CT's room if anyone watches it on this replica, and
// limit hits onto the timeline. The work is per CT and per batch; a viewer
// costs one socket write of an already-encoded packet, nothing more. The
// samples are read in place from the frame's float64 rows: nothing is
// allocated per CT unless someone watches it.
import { db } from "@/server/db/client";
import { moduleLogger } from "@/server/logger";
import { METRIC_COUNT } from "@/server/metrics/metric-fields";
import { frameValues, type MetricsFrame } from "@/server/metrics/metrics-frame";
import { metricsStore } from "@/server/metrics/metrics-store";
import { recordLimitHit, type HitCt } from "@/server/metrics/record-limit-hit";
import { ctMetricsRoom } from "@/server/realtime/metrics-rooms";
import { socketIo } from "@/server/realtime/socket-io-instance";

const log = moduleLogger("metrics");

// CTID -> CT row per node, re-read whole every 30 s (renames, removals). A
// CTID the cache lacks is looked up alone on the frame that first carries it,
// so a new CT is charted from its first sample on every replica (no
// invalidation message needed); one the database does not know (an orphan)
// is asked about again at most every 5 s, so it costs no query per sample.
const CT_CACHE_TTL_MS = 30_000;
const MISS_RETRY_MS = 5_000;
type CachedCt = HitCt & { room: string };
type NodeCts = { byCtid: Map<number, CachedCt>; missing: Map<number, number>; at: number };
const cache = new Map<string, NodeCts>();
const ctSelect = { id: true, ctid: true, tenantId: true, hostname: true } as const;
const cached = (r: { id: string; tenantId: string; hostname: string }): CachedCt => ({ id: r.id, tenantId: r.tenantId, hostname: r.hostname, room: ctMetricsRoom(r.id) });

async function nodeCts(nodeId: string, now: number): Promise<NodeCts> {
  const c = cache.get(nodeId);
  if (c && now - c.at <= CT_CACHE_TTL_MS) return c;
  const rows = await db().ct.findMany({ where: { nodeId }, select: ctSelect });
  const fresh: NodeCts = { byCtid: new Map(rows.map((r) => [r.ctid, cached(r)])), missing: new Map(), at: now };
  cache.set(nodeId, fresh);
  return fresh;
}

/** Looks up the CTIDs a frame carried that the cache lacks (not asked about in the last 5 s); true if any was found. */
async function lookUpMissing(nodeId: string, c: NodeCts, ctids: number[], now: number): Promise<boolean> {
  const ask = ctids.filter((ctid) => now - (c.missing.get(ctid) ?? -Infinity) > MISS_RETRY_MS);
  if (ask.length === 0) return false;
  const rows = await db().ct.findMany({ where: { nodeId, ctid: { in: ask } }, select: ctSelect });
  for (const ctid of ask) c.missing.set(ctid, now);
  for (const r of rows) {
    c.byCtid.set(r.ctid, cached(r));
    c.missing.delete(r.ctid);
  }
  return rows.length > 0;
}

// A frame from an agent with another number of columns is copied through this.
const scratch = new Float64Array(METRIC_COUNT);

export async function ingestMetricsBatch(nodeId: string, f: MetricsFrame): Promise<void> {
  const now = Date.now();
  const store = metricsStore();
  const cts = await nodeCts(nodeId, now);
  const ns = socketIo()?.of("/metrics");
  const rooms = ns?.adapter.rooms;
  const sameShape = f.stride === 1 + METRIC_COUNT;
  const ingestRow = (k: number, ct: CachedCt) => {
    const o = k * f.stride;
    if (sameShape) store.pushFrom(ct.id, f.t, f.rows, o + 1);
    else {
      for (let i = 0; i < METRIC_COUNT; i++) scratch[i] = i < f.stride - 1 ? f.rows[o + 1 + i]! : NaN;
      store.pushFrom(ct.id, f.t, scratch, 0);
    }
    // Local rooms only: broadcasting through the replicas' Postgres adapter
    // would be a NOTIFY per CT per second whether anyone watches or not.
    if (rooms?.get(ct.room)?.size) ns!.local.to(ct.room).emit("data", { ctId: ct.id, t: f.t, v: frameValues(f, k) });
  };
  // One cache lookup per row; the rows it misses (new CTs, orphans) wait for one query after the loop.
  let misses: number[] | undefined;
  for (let k = 0; k < f.count; k++) {
    const ct = cts.byCtid.get(f.rows[k * f.stride]!);
    if (ct) ingestRow(k, ct);
    else (misses ??= []).push(k);
  }
  if (misses && (await lookUpMissing(nodeId, cts, misses.map((k) => f.rows[k * f.stride]!), now))) {
    for (const k of misses) {
      const ct = cts.byCtid.get(f.rows[k * f.stride]!);
      if (ct) ingestRow(k, ct); // still none: an orphan CT, reconciliation's business, not charted
    }
  }
  for (const [ctid, n] of f.oomKills) {
    const ct = cts.byCtid.get(ctid);
    if (ct) store.setOomKills(ct.id, n);
  }
  if (f.node) store.setNodeUsage(nodeId, { t: f.t, ...f.node, runningCts: f.ctsTotal ?? f.count });
  for (const hit of f.hits) {
    const ct = cts.byCtid.get(hit.ctid);
    if (!ct) continue;
    await recordLimitHit(ct, hit, new Date(f.t)).catch((err) => log.error({ err, ctId: ct.id }, "recording a limit hit failed"));
  }
}
