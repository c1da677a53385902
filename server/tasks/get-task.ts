// One task with its log, if the caller may see it; otherwise the same
// not_found as a task that does not exist.
import type { Actor } from "@/server/access/actor";
import { notFound } from "@/server/access/not-found";
import { tenantScope } from "@/server/access/tenant-scope";
import { db } from "@/server/db/client";
import { taskView, type TaskView } from "@/server/tasks/task-view";

export async function getTask(actor: Actor, taskId: string): Promise<TaskView> {
  const t = await db().task.findFirst({ where: { id: taskId, ...tenantScope(actor) } });
  if (!t) throw notFound("task");
  return taskView(t);
}
