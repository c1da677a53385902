// Cancels a task that has not started yet. A running task is on its node and
// cannot be taken back halfway; the answer says so. Support staff read but
// never act; their refusal is audited like every other.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { tenantScope } from "@/server/access/tenant-scope";
import { notFound } from "@/server/access/not-found";
import { audited } from "@/server/audit/audited";
import { AppError } from "@/server/errors/app-error";
import { publishTask } from "@/server/tasks/publish-task";

export async function cancelTask(actor: Actor, taskId: string) {
  const done = await audited(actor, { action: "task.cancel", changes: { taskId } }, async (tx, ev) => {
    assertRole(actor, ["admin", "owner", "member"], "task");
    const t = await tx.task.findFirst({ where: { id: taskId, ...tenantScope(actor) } });
    if (!t) throw notFound("task");
    ev.tenantId = t.tenantId;
    ev.ctId = t.ctId;
    ev.changes = { taskId: t.id, kind: t.kind };
    const n = await tx.task.updateMany({ where: { id: t.id, status: "QUEUED" }, data: { status: "CANCELLED", finishedAt: new Date(), log: { push: ["cancelled"] } } });
    if (n.count === 0) throw new AppError("conflict", "The task has already started or finished and cannot be cancelled.", { detail: `task is ${t.status.toLowerCase()}` });
    return tx.task.findUniqueOrThrow({ where: { id: t.id } });
  });
  publishTask(done, "cancelled");
  return done;
}
