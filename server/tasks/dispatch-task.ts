// Sends one claimed (now RUNNING) task to its node's agent. The agent only
// acknowledges acceptance here; progress and the outcome arrive as messages.
// Migrations are not an agent task: the panel drives both agents itself.
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { CtState } from "@/server/generated/prisma/enums";
import { moduleLogger } from "@/server/logger";
import { buildTaskSpec } from "@/server/tasks/build-task-spec";
import { callAgent } from "@/server/tasks/call-agent";
import { failTask } from "@/server/tasks/fail-task";
import { migrateCt } from "@/server/tasks/migrate-ct";
import { publishTask } from "@/server/tasks/publish-task";

const log = moduleLogger("tasks");

// What the CT shows while the task runs, so the UI never claims a finished state early.
const TRANSITION: Partial<Record<string, CtState>> = { start: "STARTING", restart: "STARTING", stop: "STOPPING", destroy: "DESTROYING", create: "CREATING" };

export async function dispatchTask(taskId: string): Promise<void> {
  const task = await db().task.findUnique({ where: { id: taskId } });
  if (!task || task.status !== "RUNNING") return;
  try {
    if (task.kind === "migrate") return await migrateCt(task);
    const ct = task.ctId ? await db().ct.findUnique({ where: { id: task.ctId }, include: { ipAddresses: true } }) : null;
    const nodeId = ct?.nodeId ?? task.nodeId;
    if (!nodeId) throw new AppError("bad_request", "The task names no node to run on.");
    const spec = buildTaskSpec(task, ct);
    const started = await db().task.update({ where: { id: task.id }, data: { nodeId, progress: 1, log: { push: [`sent to node ${nodeId}`] } } });
    publishTask(started, `sent to node ${nodeId}`);
    const transition = TRANSITION[task.kind];
    if (ct && transition) await db().ct.update({ where: { id: ct.id }, data: { state: transition } });
    await callAgent(nodeId, "task:run", { taskId: task.id, spec });
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError("internal", "The task could not be started.", { detail: err instanceof Error ? err.message : String(err) });
    if (e.code === "internal") log.error({ err, taskId }, "dispatch failed");
    await failTask(task.id, e.message, e.opts.detail);
    // The CT's transitional state goes back to what its node last said; the
    // agent's next state report corrects it within seconds anyway.
    if (task.ctId && task.kind !== "migrate") await db().ct.updateMany({ where: { id: task.ctId, state: { in: ["STARTING", "STOPPING", "DESTROYING"] } }, data: { state: "STOPPED" } });
  }
}
