// Reconciliation: what a node really has (its agent's list) against the
// database. Known CTs follow the node's state; CTs the database does not know
// become orphans for an admin (never destroyed automatically); CTs the node
// does not have are flagged MISSING. CTs in the middle of a task or a
// migration are left to that task.
//
// The agent sends its whole list now and then and, in between, only the rows
// that changed and the CTIDs that went away (`changes`); then only those CTs
// are read and written. A node of 500 CTs whose states did not move costs one
// narrow query per full list and nothing per pass.
import type { CtRow } from "@/server/agent/agent-messages";
import { db } from "@/server/db/client";
import type { CtState } from "@/server/generated/prisma/enums";
import { publishCtStates, type CtStateChange } from "@/server/cts/publish-ct-states";
import { moduleLogger } from "@/server/logger";
import { ctStateFromRow } from "@/server/reconcile/ct-state-from-row";

const log = moduleLogger("reconcile");

// A migration owns its CT until it ends (or is failed as orphaned).
const TASK_OWNED: CtState[] = ["MIGRATING"];
const MISSING_REASON = "the CT is not on its node";

type KnownCt = { id: string; tenantId: string; ctid: number; state: CtState; stateReason: string | null; busy: boolean; lastFinished: Date | null };

// The columns reconciliation needs, and whether a task holds the CT, in one query.
async function knownCts(nodeId: string, ctids?: number[]): Promise<KnownCt[]> {
  const rows = await db().$queryRaw<{ id: string; tenantId: string; ctid: number; state: string; stateReason: string | null; busy: boolean; lastFinished: Date | null }[]>`
    SELECT c."id", c."tenant_id" AS "tenantId", c."ct_number" AS "ctid", c."state"::text AS "state", c."state_reason" AS "stateReason",
           EXISTS (SELECT 1 FROM "task" t WHERE t."ct_id" = c."id" AND t."status" IN ('queued', 'running')) AS "busy",
           (SELECT max(t."finished_at") FROM "task" t WHERE t."ct_id" = c."id") AS "lastFinished"
    FROM "ct" c
    WHERE c."node_id" = ${nodeId} AND (${ctids === undefined} OR c."ct_number" = ANY(${ctids ?? []}::int[]))`;
  // The enum's database names are its Prisma names in lower case.
  return rows.map((r) => ({ ...r, state: r.state.toUpperCase() as CtState }));
}

export type NodeCtChanges = { gone: number[] };
// listedAt: when the agent started the listing (its clock, like a task's finishedAt).
export type ReportTime = { listedAt?: number };

export async function applyNodeCts(nodeId: string, rows: CtRow[], changes?: NodeCtChanges, time: ReportTime = {}): Promise<{ orphans: number; missing: number; changed: number }> {
  const gone = new Set(changes?.gone ?? []);
  const cts = await knownCts(nodeId, changes ? [...rows.map((r) => r.ctid), ...gone] : undefined);
  const byCtid = new Map(cts.map((c) => [c.ctid, c]));
  const onNode = new Map(rows.map((r) => [r.ctid, r]));
  // CTs going to the same state share one UPDATE (a bulk start moves hundreds at once).
  const updates = new Map<string, { state: CtState; stateReason: string | null; ids: string[] }>();
  const moved: CtStateChange[] = [];
  const set = (ct: KnownCt, state: CtState, stateReason: string | null) => {
    const key = JSON.stringify([state, stateReason]);
    let u = updates.get(key);
    if (!u) updates.set(key, (u = { state, stateReason, ids: [] }));
    u.ids.push(ct.id);
    if (state !== ct.state) moved.push({ id: ct.id, tenantId: ct.tenantId, state });
  };
  let missing = 0;

  for (const ct of cts) {
    const row = onNode.get(ct.ctid);
    if (ct.busy || TASK_OWNED.includes(ct.state)) continue;
    // Listed before the CT's last task finished: the task's own outcome is
    // newer (a start's "running" must not be undone by a list taken while
    // it was still starting). The next report corrects anything else.
    if (time.listedAt !== undefined && ct.lastFinished && ct.lastFinished.getTime() > time.listedAt) continue;
    if (!row) {
      // A partial report says nothing about CTs it does not name.
      if (changes && !gone.has(ct.ctid)) continue;
      if (ct.state !== "MISSING") {
        set(ct, "MISSING", MISSING_REASON);
        log.warn({ nodeId, ctid: ct.ctid }, "CT missing on its node");
      }
      missing++;
      continue;
    }
    const next = ctStateFromRow(row);
    // A CT the agent stopped for crash-looping stays flagged until someone starts it.
    if (ct.state === "ERROR" && next.state === "STOPPED") continue;
    if (next.state !== ct.state || (next.stateReason ?? null) !== (ct.stateReason ?? null)) set(ct, next.state, next.stateReason ?? null);
  }
  let changed = 0;
  for (const u of updates.values()) {
    const r = await db().ct.updateMany({ where: { id: { in: u.ids } }, data: { state: u.state, stateReason: u.stateReason } });
    changed += r.count;
  }
  publishCtStates(moved);

  const unknownRows = rows.filter((r) => !byCtid.has(r.ctid));
  // CTs being migrated exist on the target before the database says so.
  const migrating = unknownRows.length ? new Set((await db().ct.findMany({ where: { state: "MIGRATING", ctid: { in: unknownRows.map((r) => r.ctid) } }, select: { ctid: true } })).map((c) => c.ctid)) : new Set<number>();
  const unknown = unknownRows.filter((r) => !migrating.has(r.ctid));
  for (const r of unknown) {
    const data = { hostname: r.hostname ?? null, ostemplate: r.ostemplate ?? null, status: r.status, ipAddresses: r.ip, lastSeenAt: new Date() };
    await db().orphanCt.upsert({ where: { nodeId_ctid: { nodeId, ctid: r.ctid } }, create: { nodeId, ctid: r.ctid, ...data }, update: data });
  }
  if (!changes) await db().orphanCt.deleteMany({ where: { nodeId, ctid: { notIn: unknown.map((r) => r.ctid) } } });
  else {
    // Orphans that went away, or that the database knows by now (adopted, migrated in).
    const settled = [...gone, ...rows.filter((r) => !unknown.includes(r)).map((r) => r.ctid)];
    if (settled.length) await db().orphanCt.deleteMany({ where: { nodeId, ctid: { in: settled } } });
  }
  if (unknown.length) log.info({ nodeId, orphans: unknown.map((r) => r.ctid) }, "CTs on the node that the database does not know");
  return { orphans: unknown.length, missing, changed };
}
