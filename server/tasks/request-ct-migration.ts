// An admin asks to move a CT to another node (cold migration, see
// migrate-ct.ts). Checked here for a quick, clear answer: the target exists,
// is not the CT's node, takes CTs and has room, and nothing else runs on the
// CT (409 naming the task in the way). Queued as a task and audited in one
// transaction; the task runner does the work.
import { z } from "zod";
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { audited } from "@/server/audit/audited";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { AppError } from "@/server/errors/app-error";
import { pickNode } from "@/server/nodes/pick-node";
import { assertNoConflict } from "@/server/tasks/assert-no-conflict";
import { enqueueTask } from "@/server/tasks/enqueue-task";
import { taskView } from "@/server/tasks/task-view";

export const MigrateCtInput = z
  .strictObject({
    targetNodeId: z.string().min(1).max(64).describe("the node to move the CT to"),
    idempotencyKey: z.string().min(1).max(100).optional().describe("a retry with the same key returns the first task"),
  })
  .meta({ id: "MigrateCtInput" });
export type MigrateCtInput = z.input<typeof MigrateCtInput>;

const badTarget = (message: string) => new AppError("bad_request", `Check targetNodeId: ${message}`, { fields: [{ path: "targetNodeId", message }] });

export async function requestCtMigration(actor: Actor, ctId: string, input: MigrateCtInput) {
  const data = MigrateCtInput.parse(input);
  return audited(actor, { action: "ct.migrate", ctId, changes: { targetNodeId: data.targetNodeId } }, async (tx, ev) => {
    assertRole(actor, ["admin"], "CT");
    const ct = await getCtOrThrow(actor, ctId, tx);
    ev.tenantId = ct.tenantId;
    ev.changes = { from: ct.nodeId, targetNodeId: data.targetNodeId };
    const actorId = actor.kind === "system" ? null : actor.userId;
    const spec = { kind: "migrate" as const, ctId: ct.id, nodeId: ct.nodeId, tenantId: ct.tenantId, actorId, idempotencyKey: data.idempotencyKey, input: { targetNodeId: data.targetNodeId } };
    // A retry of a request that already made its task gets that task, whatever the CT does now.
    if (data.idempotencyKey && (await tx.task.findFirst({ where: { actorId, idempotencyKey: data.idempotencyKey }, select: { id: true } }))) return taskView(await enqueueTask(spec, tx));
    if (!(await tx.node.findUnique({ where: { id: data.targetNodeId }, select: { id: true } }))) throw badTarget("no node has this id.");
    if (ct.nodeId === data.targetNodeId) throw new AppError("conflict", `The CT already runs on node ${ct.node.name}.`, { fields: [{ path: "targetNodeId", message: "is the CT's own node" }] });
    if (ct.state !== "RUNNING" && ct.state !== "STOPPED")
      throw new AppError("conflict", "Only a running or stopped CT can be migrated.", { detail: `state is ${ct.state.toLowerCase()}` });
    await assertNoConflict(ct.id, tx);
    await pickNode({ ramBytes: ct.ramBytes, diskBytes: ct.diskBytes }, { nodeId: data.targetNodeId, excludeCtId: ct.id }, tx);
    if (await tx.ct.findFirst({ where: { nodeId: data.targetNodeId, ctid: ct.ctid }, select: { id: true } }))
      throw new AppError("conflict", `The target node already has a CT ${ct.ctid}.`);
    const task = await enqueueTask(spec, tx);
    return taskView(task);
  });
}
