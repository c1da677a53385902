// Terminates a CT: marks it DESTROYING (it stops counting against quotas) and
// queues the destroy task; the task runner deletes the row when the node is done.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { audited } from "@/server/audit/audited";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { enqueueTask } from "@/server/tasks/enqueue-task";

export async function terminateCt(actor: Actor, id: string) {
  return audited(actor, { action: "ct.terminate", ctId: id }, async (tx, ev) => {
    // Inside the transaction, so a refusal is audited too.
    assertRole(actor, ["admin", "owner"], "CT");
    const ct = await getCtOrThrow(actor, id, tx);
    ev.tenantId = ct.tenantId;
    if (ct.state === "DESTROYING") return { id, state: "destroying", taskId: null };
    await tx.ct.update({ where: { id }, data: { state: "DESTROYING" } });
    const task = await enqueueTask({ kind: "destroy", ctId: id, nodeId: ct.nodeId, tenantId: ct.tenantId, actorId: actor.kind === "system" ? null : actor.userId, input: { ctid: ct.ctid } }, tx);
    return { id, state: "destroying", taskId: task.id };
  });
}
