// Cold migration, driven by the panel: stop on the source, copy the CT's
// config and private area chunk by chunk through the panel to the target,
// start it there, then point the database at the target. The database moves
// last, and the source copy is destroyed only after that, so a failure at any
// step leaves the CT where it was (restarted if it ran) and loses nothing.
import pg from "pg";
import { z } from "zod";
import type { CtRow, TaskOutcome } from "@/server/agent/agent-messages";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { Task } from "@/server/generated/prisma/client";
import { moduleLogger } from "@/server/logger";
import { pickNode } from "@/server/nodes/pick-node";
import { ctStateFromRow } from "@/server/reconcile/ct-state-from-row";
import { callAgent } from "@/server/tasks/call-agent";
import { failTask } from "@/server/tasks/fail-task";
import { publishTask } from "@/server/tasks/publish-task";

const log = moduleLogger("migrate");

export const MIGRATE_STEPS = ["stop", "export", "copy", "import", "start", "commit"] as const;
const MigrateInput = z.object({ targetNodeId: z.string().min(1), failAt: z.enum(MIGRATE_STEPS).optional() });

const CHUNK = 512 * 1024;

// The replica running a migration holds this session lock; a migration
// whose lock is free has lost its panel (see failOrphanedMigrations).
export const migrationLockKey = (taskId: string) => `corral-migrate:${taskId}`;

export async function migrateCt(task: Task): Promise<void> {
  const lock = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext($1))", [migrationLockKey(task.id)]);
    await runMigration(task);
  } finally {
    await lock.end().catch(() => {});
  }
}

async function step(task: Task, progress: number, line: string) {
  const t = await db().task.update({ where: { id: task.id }, data: { progress, log: { push: [line] } } });
  publishTask(t, line);
}

async function runMigration(task: Task): Promise<void> {
  const parsed = MigrateInput.safeParse(task.input);
  if (!parsed.success || !task.ctId) {
    await failTask(task.id, "The migration request is not valid: it needs a target node.");
    return;
  }
  const { targetNodeId } = parsed.data;
  // Fault injection exists for the migration tests only.
  const failAt = process.env.CORRAL_FAULT_INJECTION === "1" ? parsed.data.failAt : undefined;
  const inject = (s: (typeof MIGRATE_STEPS)[number]) => {
    if (failAt === s) throw new AppError("internal", `Injected failure at step ${s}.`);
  };
  const ct = await db().ct.findUnique({ where: { id: task.ctId } });
  if (!ct) return void (await failTask(task.id, "The CT no longer exists."));
  const source = ct.nodeId;
  const ctid = ct.ctid;
  if (source === targetNodeId) return void (await failTask(task.id, "The CT is already on that node."));
  try {
    await pickNode({ ramBytes: ct.ramBytes, diskBytes: ct.diskBytes }, { nodeId: targetNodeId, excludeCtId: ct.id });
    if (await db().ct.findFirst({ where: { nodeId: targetNodeId, ctid } })) throw new AppError("conflict", `The target node already has a CT ${ctid}.`);
  } catch (err) {
    return void (await failTask(task.id, err instanceof AppError ? err.message : "The target node cannot take this CT.", err instanceof AppError ? err.opts.detail : undefined));
  }
  await db().task.update({ where: { id: task.id }, data: { nodeId: source } });
  await db().ct.update({ where: { id: ct.id }, data: { state: "MIGRATING" } });
  const wasRunning = ct.state === "RUNNING" || ct.state === "STARTING";
  const transferId = task.id;
  let importOpened = false;
  const run = async (nodeId: string, spec: Record<string, unknown>) => {
    const o = await callAgent<TaskOutcome>(nodeId, "migrate", { op: "run", spec }, 10 * 60_000);
    if (!o.ok) throw new AppError("conflict", o.error?.message ?? "The node refused the step.", { detail: o.error?.detail });
    return o;
  };
  try {
    await step(task, 5, wasRunning ? "stopping the CT on the source node" : "the CT is stopped; copying");
    inject("stop");
    if (wasRunning) await run(source, { kind: "stop", ctid });

    await step(task, 10, "packing the CT on the source node");
    inject("export");
    const exp = await callAgent<{ size: number; sourceUidBase: number; layout: string }>(source, "migrate", { op: "export-open", transferId, ctid }, 30 * 60_000);

    await callAgent(targetNodeId, "migrate", { op: "import-open", transferId, ctid, size: exp.size, sourceUidBase: exp.sourceUidBase, layout: exp.layout });
    importOpened = true;
    let lastPct = 0;
    for (let offset = 0; offset < exp.size; offset += CHUNK) {
      if (offset >= exp.size / 2) inject("copy");
      const data = await callAgent<Buffer>(source, "migrate", { op: "export-read", transferId, offset, length: Math.min(CHUNK, exp.size - offset) }, 60_000);
      await callAgent(targetNodeId, "migrate", { op: "import-write", transferId, offset, data }, 60_000);
      const pct = 15 + Math.floor(((offset + data.length) / exp.size) * 60);
      if (pct >= lastPct + 5) {
        lastPct = pct;
        await step(task, pct, `copied ${Math.round((offset + data.length) / 1024)} KiB of ${Math.round(exp.size / 1024)} KiB`);
      }
    }

    await step(task, 78, "unpacking on the target node");
    inject("import");
    await callAgent(targetNodeId, "migrate", { op: "import-commit", transferId, ctid, sourceUidBase: exp.sourceUidBase }, 30 * 60_000);

    await step(task, 85, wasRunning ? "starting the CT on the target node" : "the copy is in place on the target node");
    inject("start");
    const started = wasRunning ? await run(targetNodeId, { kind: "start", ctid }) : null;

    inject("commit");
    const finished = await db().$transaction(async (tx) => {
      await tx.ct.update({
        where: { id: ct.id },
        data: { nodeId: targetNodeId, ...(started?.ct ? ctStateFromRow(started.ct) : { state: "STOPPED", stateReason: null }) },
      });
      return tx.task.update({
        where: { id: task.id },
        data: { status: "SUCCEEDED", progress: 100, finishedAt: new Date(), nodeId: targetNodeId, result: { from: source, to: targetNodeId }, log: { push: ["the CT runs from the target node; removing the source copy"] } },
      });
    });
    publishTask(finished, "migrated");
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError("internal", "The migration failed.", { detail: err instanceof Error ? err.message : String(err) });
    log.warn({ err: e, taskId: task.id, ctid }, "migration failed; rolling back");
    if (importOpened) await callAgent(targetNodeId, "migrate", { op: "import-abort", transferId, ctid }, 120_000).catch((x) => log.error({ err: x }, "target cleanup failed"));
    await cleanup(source, targetNodeId, transferId);
    // Back to how it was on the source, judged from the node itself.
    let row = await callAgent<CtRow | null>(source, "migrate", { op: "ct", ctid }).catch(() => null);
    if (wasRunning && row && row.status !== "running") {
      await run(source, { kind: "start", ctid }).catch((x) => log.error({ err: x }, "restarting on the source failed"));
      row = await callAgent<CtRow | null>(source, "migrate", { op: "ct", ctid }).catch(() => null);
    }
    await db().ct.update({ where: { id: ct.id }, data: row ? ctStateFromRow(row) : { state: "ERROR", stateReason: "the source node did not answer after a failed migration" } });
    await failTask(task.id, `The migration failed; the CT stays on its node. ${e.message}`, e.opts.detail);
    return;
  }
  // Past the commit: only now may the source copy go.
  await run(source, { kind: "destroy", ctid }).catch((err) => log.error({ err, ctid }, "removing the source copy failed; it will show as an orphan"));
  await cleanup(source, targetNodeId, transferId);
}

async function cleanup(source: string, target: string, transferId: string) {
  for (const n of [source, target]) await callAgent(n, "migrate", { op: "transfer-close", transferId }).catch(() => {});
}
