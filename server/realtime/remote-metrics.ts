// Live metrics across panel replicas. Samples arrive on the replica holding
// the node's agent; a browser watching a CT on another replica gets them
// because its replica announces what its rooms watch (`metrics:watch`, by node
// and CTID, renewed every few seconds) and the agent's replica then publishes
// one `metrics:samples` message per batch holding only those CTs' rows, which
// each replica hands to its local room. Nobody watching elsewhere: nothing is
// published, so sampling cost stays independent of viewers. The 15-minute
// rings stay where the samples arrive; another replica asks for them
// (fetch-recent-metrics.ts answers through `metrics:recent`).
import type { Namespace } from "socket.io";
import { moduleLogger } from "@/server/logger";
import { frameValues, type MetricsFrame } from "@/server/metrics/metrics-frame";
import { metricsStore } from "@/server/metrics/metrics-store";
import { ctMetricsRoom } from "@/server/realtime/metrics-rooms";

const log = moduleLogger("metrics");

const ANNOUNCE_EVERY_MS = 5000;
// A watch not renewed for this long is forgotten (its replica went away).
const WATCH_TTL_MS = 16_000;

export type WatchedCt = { id: string; nodeId: string; ctid: number };
type State = {
  // Viewer side: what this replica's rooms watch, by CT id and by node+CTID.
  watched: Map<string, WatchedCt>;
  byNodeCtid: Map<string, string>;
  // Agent side: CTIDs other replicas watch, per node, with their expiry.
  remoteWatch: Map<string, Map<number, number>>;
  ns?: Namespace;
  timer?: NodeJS.Timeout;
};

const g = globalThis as unknown as { corralRemoteMetrics?: State };
const key = (nodeId: string, ctid: number) => `${nodeId}:${ctid}`;

export function remoteMetrics() {
  const s: State = (g.corralRemoteMetrics ??= { watched: new Map(), byNodeCtid: new Map(), remoteWatch: new Map() });
  const localViewers = (ctId: string) => s.ns?.adapter.rooms.get(ctMetricsRoom(ctId))?.size ?? 0;

  const announce = (cts: WatchedCt[]) => {
    if (!s.ns || cts.length === 0) return;
    const byNode: Record<string, number[]> = {};
    for (const c of cts) (byNode[c.nodeId] ??= []).push(c.ctid);
    s.ns.serverSideEmit("metrics:watch", byNode);
  };

  return {
    // Registers the namespace's server-side listeners and the renewal timer.
    listen(ns: Namespace) {
      s.ns = ns;
      ns.on("metrics:watch", (byNode: unknown) => {
        if (!byNode || typeof byNode !== "object") return;
        const until = Date.now() + WATCH_TTL_MS;
        for (const [nodeId, ctids] of Object.entries(byNode as Record<string, unknown>)) {
          if (!Array.isArray(ctids)) continue;
          let m = s.remoteWatch.get(nodeId);
          if (!m) s.remoteWatch.set(nodeId, (m = new Map()));
          for (const ctid of ctids.slice(0, 100_000)) if (Number.isInteger(ctid)) m.set(ctid as number, until);
        }
      });
      ns.on("metrics:samples", (msg: unknown) => {
        const m = msg as { nodeId?: unknown; t?: unknown; rows?: unknown } | null;
        if (!m || typeof m.nodeId !== "string" || typeof m.t !== "number" || !Array.isArray(m.rows)) return;
        for (const row of m.rows as unknown[]) {
          if (!Array.isArray(row) || !Number.isInteger(row[0])) continue;
          const ctId = s.byNodeCtid.get(key(m.nodeId, row[0] as number));
          if (ctId && localViewers(ctId) > 0) ns.local.to(ctMetricsRoom(ctId)).emit("data", { ctId, t: m.t, v: row.slice(1) });
        }
      });
      ns.on("metrics:recent", (ids: unknown, sinceMs: unknown, ack?: unknown) => {
        if (typeof ack !== "function") return;
        const store = metricsStore();
        const list = Array.isArray(ids) ? ids.filter((x): x is string => typeof x === "string").slice(0, 200) : [];
        const since = typeof sinceMs === "number" && sinceMs > 0 ? sinceMs : undefined;
        // Only CTs with samples here: an empty answer is no answer.
        ack(Object.fromEntries(list.flatMap((id) => {
          const r = store.recent(id, since);
          return r.t.length > 0 ? [[id, r]] : [];
        })));
      });
      clearInterval(s.timer);
      s.timer = setInterval(() => {
        // Forget CTs nobody here watches any more; renew the others.
        for (const [id, c] of s.watched) {
          if (localViewers(id) > 0) continue;
          s.watched.delete(id);
          s.byNodeCtid.delete(key(c.nodeId, c.ctid));
        }
        announce([...s.watched.values()]);
        const now = Date.now();
        for (const [nodeId, m] of s.remoteWatch) {
          for (const [ctid, until] of m) if (until < now) m.delete(ctid);
          if (m.size === 0) s.remoteWatch.delete(nodeId);
        }
      }, ANNOUNCE_EVERY_MS);
      s.timer.unref();
    },
    // A browser here joined these CTs' rooms.
    watch(cts: WatchedCt[]) {
      for (const c of cts) {
        s.watched.set(c.id, c);
        s.byNodeCtid.set(key(c.nodeId, c.ctid), c.id);
      }
      announce(cts);
    },
    // On the agent's replica, after the batch went to local rooms.
    forward(nodeId: string, f: MetricsFrame) {
      const m = s.remoteWatch.get(nodeId);
      if (!m || !s.ns) return;
      const rows: unknown[][] = [];
      for (let k = 0; k < f.count; k++) {
        const ctid = f.rows[k * f.stride]!;
        if (m.has(ctid)) rows.push([ctid, ...frameValues(f, k)]);
      }
      if (rows.length === 0) return;
      try {
        s.ns.serverSideEmit("metrics:samples", { nodeId, t: f.t, rows });
      } catch (err) {
        log.warn({ err, nodeId }, "publishing samples to other replicas failed");
      }
    },
    stop() {
      clearInterval(s.timer);
    },
  };
}
