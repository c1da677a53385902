// A CT's beancounter table for the customer: the rows `corralctl ubc` gives
// (read on the node through its agent), each with vzubc's near-limit flag and
// a sentence that includes the last hour's limit hits from the timeline.
import type { Actor } from "@/server/access/actor";
import { UbcReply, type UbcReply as UbcReplyT } from "@/server/agent/metrics-messages";
import type { AckReply } from "@/server/agent/agent-messages";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { describeBeancounter, ENFORCEABLE, isNearLimit, isUnlimited, unitOf, type RecentHits } from "@/server/metrics/describe-beancounter";
import { nodeRoom } from "@/server/realtime/agent-rooms";
import { socketIo } from "@/server/realtime/socket-io-instance";

export type BeancounterRow = {
  name: string;
  held: number;
  maxheld: number;
  barrier: number | null; // null = unlimited
  limit: number | null;
  failcnt: number;
  near: boolean;
  enforced: boolean; // false: this kernel has no per-CT limit for it
  sentence: string;
  // How to show the numbers: multiply by scale for bytes or items.
  unit: "bytes" | "count";
  scale: number;
  note?: string;
};

async function readUbc(nodeId: string, ctid: number): Promise<UbcReplyT> {
  const io = socketIo();
  if (!io) throw new AppError("unavailable", "Live counters are not available in this process.");
  const replies = (await io.of("/agents").to(nodeRoom(nodeId)).timeout(8000).emitWithAck("ubc:read", { ctid }).catch(() => [])) as AckReply<unknown>[];
  const r = replies[0];
  if (!r) throw new AppError("unavailable", "The CT's node is not connected. Try again in a minute.");
  if (!r.ok) throw new AppError(r.error.code === "conflict" ? "conflict" : "unavailable", r.error.message, { detail: r.error.detail });
  const p = UbcReply.safeParse(r.value);
  if (!p.success) throw new AppError("internal", "The node answered in a form the panel does not understand.");
  return p.data;
}

export async function getCtBeancounters(actor: Actor, ctId: string, now = new Date()) {
  const ct = await getCtOrThrow(actor, ctId);
  if (ct.state !== "RUNNING") return { running: false as const, at: now.toISOString(), rows: [] as BeancounterRow[], oomKills: null, events: [] };
  const [ubc, events] = await Promise.all([
    readUbc(ct.nodeId, ct.ctid),
    db().ctEvent.findMany({ where: { ctId: ct.id, at: { gte: new Date(now.getTime() - 3_600_000) } }, orderBy: { at: "desc" }, take: 200 }),
  ]);
  const recentFor = (name: string): RecentHits => {
    const mine = events.filter((e) => e.resource === name);
    return {
      failures: mine.filter((e) => e.kind === "failcnt").reduce((a, e) => a + e.count, 0),
      oomKills: mine.filter((e) => e.kind === "oom_kill").reduce((a, e) => a + e.count, 0),
      processes: mine.filter((e) => e.kind === "oom_kill" && e.process).flatMap((e) => e.process!.split(", ")).reverse(),
    };
  };
  const rows: BeancounterRow[] = Object.entries(ubc.beancounters).map(([name, r]) => {
    let failcnt = r.failcnt;
    let note: string | undefined;
    // cgroup v1's memory.failcnt can stay 0 through an OOM kill (seen on
    // 6.18 when one allocation jumps past the limit); the kill counter cannot.
    if (name === "physpages" && ubc.oomKills !== null && ubc.oomKills > failcnt) {
      failcnt = ubc.oomKills;
      note = "Counted from the kernel's OOM kills: the kernel's own RAM failure counter missed them.";
    }
    const row = { name, held: r.held, maxheld: r.maxheld, barrier: r.barrier, limit: r.limit, failcnt };
    const enforced = ENFORCEABLE.has(name);
    return {
      ...row,
      barrier: isUnlimited(r.barrier) ? null : r.barrier,
      limit: isUnlimited(r.limit) ? null : r.limit,
      near: isNearLimit(row),
      enforced,
      sentence: describeBeancounter(row, recentFor(name)),
      unit: unitOf(name).unit,
      scale: unitOf(name).scale,
      ...(note ? { note } : {}),
    };
  });
  return {
    running: true as const,
    at: now.toISOString(),
    rows,
    oomKills: ubc.oomKills,
    events: events.map((e) => ({ id: String(e.id), at: e.at.toISOString(), kind: e.kind, resource: e.resource, count: e.count, process: e.process, message: e.message })),
  };
}
