// On every agent (re)connect: settle the tasks the database has running on
// that node against what the agent reports. Finished while we were apart →
// recorded; still running → left running (resumed: its progress keeps
// coming); unknown to the agent → failed, saying why. Never left "running".
import type { HelloMessage } from "@/server/agent/agent-messages";
import { db } from "@/server/db/client";
import { moduleLogger } from "@/server/logger";
import { completeTask } from "@/server/tasks/complete-task";
import { failTask } from "@/server/tasks/fail-task";

const log = moduleLogger("tasks");

// A task claimed this recently may still be on its way to the agent.
const IN_FLIGHT_MS = 20_000;

export async function resolveNodeTasks(nodeId: string, hello: Pick<HelloMessage, "runningTasks" | "finishedTasks">): Promise<string[]> {
  const recorded: string[] = [];
  for (const outcome of hello.finishedTasks) {
    try {
      await completeTask(nodeId, outcome, "outcome reported after the agent reconnected");
      recorded.push(outcome.taskId);
    } catch (err) {
      // Not this node's task: the agent may drop it; it was never ours to record.
      log.warn({ err, nodeId, taskId: outcome.taskId }, "outcome from the agent not recorded");
      recorded.push(outcome.taskId);
    }
  }
  const known = new Set([...hello.runningTasks, ...hello.finishedTasks.map((o) => o.taskId)]);
  const running = await db().task.findMany({
    where: { nodeId, status: "RUNNING", kind: { not: "migrate" }, startedAt: { lt: new Date(Date.now() - IN_FLIGHT_MS) } },
  });
  for (const t of running) {
    if (known.has(t.id)) continue;
    await failTask(t.id, "The node agent does not know this task (it never arrived, or the agent lost it). Check the CT's state and run it again.");
  }
  return recorded;
}
