// A node's own usage (from its agent's latest batch), its density (CTs, RAM
// committed against physical) and its top consumers right now, for staff.
// Live figures exist on the replica that holds the node's agent; elsewhere
// they read as null and only the database figures show.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { db } from "@/server/db/client";
import { METRIC_KEYS } from "@/server/metrics/metric-fields";
import { metricsStore } from "@/server/metrics/metrics-store";

const CPU = METRIC_KEYS.indexOf("cpuNode");
const RAM = METRIC_KEYS.indexOf("ram");
// A sample older than this is not "now" (the CT stopped, or the agent left).
const FRESH_MS = 10_000;

export async function getNodeUsage(actor: Actor, nodeId: string, top = 5) {
  assertRole(actor, ["admin", "support"], "node");
  const node = await db().node.findUnique({ where: { id: nodeId }, select: { id: true, name: true, cpus: true, ramBytes: true, overcommitRam: true } });
  if (!node) throw notFound("node");
  const cts = await db().ct.findMany({ where: { nodeId }, select: { id: true, hostname: true, state: true, ramBytes: true, tenant: { select: { name: true } } } });
  const store = metricsStore();
  const now = Date.now();
  const live = cts.flatMap((c) => {
    const s = store.latest(c.id);
    return s && now - s.t < FRESH_MS ? [{ id: c.id, hostname: c.hostname, tenant: c.tenant.name, cpuPct: s.v[CPU] ?? 0, ramBytes: s.v[RAM] ?? 0 }] : [];
  });
  const usage = store.nodeUsage(nodeId);
  const ramCommitted = cts.filter((c) => c.state !== "STOPPED").reduce((a, c) => a + Number(c.ramBytes), 0);
  return {
    node: { id: node.id, name: node.name },
    now: usage && now - usage.t < FRESH_MS ? { cpuPct: usage.cpuPct, memUsed: usage.memUsed, memTotal: usage.memTotal, cpus: usage.cpus, runningCts: usage.runningCts } : null,
    density: {
      cts: cts.length,
      running: cts.filter((c) => c.state === "RUNNING").length,
      ramCommitted,
      ramPhysical: node.ramBytes === null ? null : Number(node.ramBytes),
      // Placement allows up to physical × overcommit.
      ramAllowed: node.ramBytes === null ? null : Number(node.ramBytes) * node.overcommitRam,
    },
    topCpu: [...live].sort((a, b) => b.cpuPct - a.cpuPct).slice(0, top),
    topRam: [...live].sort((a, b) => b.ramBytes - a.ramBytes).slice(0, top),
  };
}
