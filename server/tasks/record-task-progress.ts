// Progress and log lines an agent reports for a running task of its node.
// One UPDATE (no read-modify-write), and only for a running task of that node,
// so a stray or late message cannot touch another node's or a finished task.
import { db } from "@/server/db/client";
import type { TaskProgressMessage } from "@/server/agent/agent-messages";
import { publishTask } from "@/server/tasks/publish-task";

const MAX_LOG_LINES = 2000;

export async function recordTaskProgress(nodeId: string, m: TaskProgressMessage): Promise<boolean> {
  const line = m.log ?? null;
  const n = await db().$executeRaw`
    UPDATE "task" SET
      "progress" = GREATEST("progress", COALESCE(${m.progress ?? null}::int, 0)),
      "log" = CASE WHEN ${line}::text IS NULL OR cardinality("log") >= ${MAX_LOG_LINES} THEN "log" ELSE array_append("log", ${line}::text) END
    WHERE "id" = ${m.taskId} AND "node_id" = ${nodeId} AND "status" = 'running'`;
  if (n === 0) return false;
  const t = await db().task.findUnique({ where: { id: m.taskId } });
  if (t) publishTask(t, line ?? undefined);
  return true;
}
