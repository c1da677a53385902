// Ends a running or queued task as failed with a reason a customer can read.
import { db } from "@/server/db/client";
import { publishTask } from "@/server/tasks/publish-task";

export async function failTask(taskId: string, message: string, detail?: string): Promise<boolean> {
  const n = await db().task.updateMany({
    where: { id: taskId, status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "FAILED", error: message, finishedAt: new Date(), log: { push: [`failed: ${message}${detail ? ` (${detail})` : ""}`] } },
  });
  if (n.count === 0) return false;
  const t = await db().task.findUnique({ where: { id: taskId } });
  if (t) publishTask(t, `failed: ${message}`);
  return true;
}
