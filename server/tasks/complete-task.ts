// Records a task's outcome reported by the agent of the node it ran on, and
// makes the CT's row follow what the node says it is now. Idempotent: an
// outcome for a task that is no longer running is acknowledged and ignored.
import type { TaskOutcome } from "@/server/agent/agent-messages";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { Prisma } from "@/server/generated/prisma/client";
import { moduleLogger } from "@/server/logger";
import { ctStateFromRow } from "@/server/reconcile/ct-state-from-row";
import { publishTask } from "@/server/tasks/publish-task";

const log = moduleLogger("tasks");

export async function completeTask(nodeId: string, o: TaskOutcome, note?: string): Promise<void> {
  const task = await db().task.findUnique({ where: { id: o.taskId } });
  if (!task || task.nodeId !== nodeId) {
    log.warn({ nodeId, taskId: o.taskId }, "refused an outcome for a task that is not this node's");
    throw new AppError("not_found", "The task does not exist on this node.");
  }
  if (task.status !== "RUNNING") return;
  const lines = [note, o.ok ? "done" : `failed: ${o.error?.message ?? "unknown error"}${o.error?.detail ? ` (${o.error.detail})` : ""}`].filter((l): l is string => !!l);
  const updated = await db().$transaction(async (tx) => {
    const n = await tx.task.updateMany({
      where: { id: task.id, status: "RUNNING" },
      data: {
        status: o.ok ? "SUCCEEDED" : "FAILED",
        progress: o.ok ? 100 : task.progress,
        result: (o.result ?? {}) as Prisma.InputJsonValue,
        error: o.ok ? null : (o.error?.message ?? "The task failed on the node."),
        log: { push: lines },
        finishedAt: new Date(o.finishedAt),
      },
    });
    if (n.count === 0) return null;
    if (task.ctId) {
      const ct = await tx.ct.findUnique({ where: { id: task.ctId } });
      if (ct && ct.nodeId === nodeId) {
        if (o.ct) await tx.ct.update({ where: { id: ct.id }, data: ctStateFromRow(o.ct) });
        else if (task.kind === "destroy" && o.ok) {
          // The CT is gone from its node: free its addresses, then the row.
          await tx.ipAddress.updateMany({ where: { ctId: ct.id }, data: { ctId: null } });
          await tx.ct.delete({ where: { id: ct.id } });
        } else if (o.ct === null) await tx.ct.update({ where: { id: ct.id }, data: { state: task.kind === "create" ? "ERROR" : "MISSING", stateReason: o.error?.message ?? "not on its node" } });
      }
    }
    return tx.task.findUnique({ where: { id: task.id } });
  });
  if (updated) publishTask(updated, lines.at(-1));
}
