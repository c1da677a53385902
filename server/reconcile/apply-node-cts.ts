// Reconciliation: what a node really has (its agent's list) against the
// database. Known CTs follow the node's state; CTs the database does not know
// become orphans for an admin (never destroyed automatically); CTs the node
// does not have are flagged MISSING. CTs in the middle of a task or a
// migration are left to that task.
import type { CtRow } from "@/server/agent/agent-messages";
import { db } from "@/server/db/client";
import type { CtState } from "@/server/generated/prisma/enums";
import { moduleLogger } from "@/server/logger";
import { ctStateFromRow } from "@/server/reconcile/ct-state-from-row";

const log = moduleLogger("reconcile");

// A migration owns its CT until it ends (or is failed as orphaned).
const TASK_OWNED: CtState[] = ["MIGRATING"];

export async function applyNodeCts(nodeId: string, rows: CtRow[]): Promise<{ orphans: number; missing: number; changed: number }> {
  const cts = await db().ct.findMany({ where: { nodeId }, include: { tasks: { where: { status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } } } });
  const byCtid = new Map(cts.map((c) => [c.ctid, c]));
  const onNode = new Map(rows.map((r) => [r.ctid, r]));
  let changed = 0;
  let missing = 0;

  for (const ct of cts) {
    const row = onNode.get(ct.ctid);
    const busy = ct.tasks.length > 0 || TASK_OWNED.includes(ct.state);
    if (busy) continue;
    if (!row) {
      if (ct.state !== "MISSING") {
        await db().ct.update({ where: { id: ct.id }, data: { state: "MISSING", stateReason: "the CT is not on its node" } });
        log.warn({ nodeId, ctid: ct.ctid }, "CT missing on its node");
        changed++;
      }
      missing++;
      continue;
    }
    const next = ctStateFromRow(row);
    // A CT the agent stopped for crash-looping stays flagged until someone starts it.
    if (ct.state === "ERROR" && next.state === "STOPPED") continue;
    if (next.state !== ct.state || (next.stateReason ?? null) !== (ct.stateReason ?? null)) {
      await db().ct.update({ where: { id: ct.id }, data: next });
      changed++;
    }
  }

  // CTs being migrated exist on the target before the database says so.
  const migrating = new Set((await db().ct.findMany({ where: { state: "MIGRATING" }, select: { ctid: true } })).map((c) => c.ctid));
  const unknown = rows.filter((r) => !byCtid.has(r.ctid) && !migrating.has(r.ctid));
  for (const r of unknown) {
    const data = { hostname: r.hostname ?? null, ostemplate: r.ostemplate ?? null, status: r.status, ipAddresses: r.ip, lastSeenAt: new Date() };
    await db().orphanCt.upsert({ where: { nodeId_ctid: { nodeId, ctid: r.ctid } }, create: { nodeId, ctid: r.ctid, ...data }, update: data });
  }
  await db().orphanCt.deleteMany({ where: { nodeId, ctid: { notIn: unknown.map((r) => r.ctid) } } });
  if (unknown.length) log.info({ nodeId, orphans: unknown.map((r) => r.ctid) }, "CTs on the node that the database does not know");
  return { orphans: unknown.length, missing, changed };
}
