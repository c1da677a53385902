// Cancels a task that has not started yet. A running task is on its node and
// cannot be taken back halfway; the answer says so.
import type { Actor } from "@/server/access/actor";
import { tenantScope } from "@/server/access/tenant-scope";
import { notFound } from "@/server/access/not-found";
import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { publishTask } from "@/server/tasks/publish-task";

export async function cancelTask(actor: Actor, taskId: string) {
  const t = await db().task.findFirst({ where: { id: taskId, ...tenantScope(actor) } });
  if (!t) throw notFound("task");
  const n = await db().task.updateMany({ where: { id: t.id, status: "QUEUED" }, data: { status: "CANCELLED", finishedAt: new Date(), log: { push: ["cancelled"] } } });
  if (n.count === 0) throw new AppError("conflict", "The task has already started or finished and cannot be cancelled.", { detail: `task is ${t.status.toLowerCase()}` });
  await recordAudit(actor, { action: "task.cancel", tenantId: t.tenantId, ctId: t.ctId, changes: { taskId: t.id, kind: t.kind }, result: "success" });
  const done = await db().task.findUnique({ where: { id: t.id } });
  if (done) publishTask(done, "cancelled");
  return done;
}
