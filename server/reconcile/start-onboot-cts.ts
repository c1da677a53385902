// After a node reboot (its kernel boot id changed), start the CTs marked
// onboot that the node now has stopped, each as an ordinary task so it is
// serialized and visible like any other. CTs the agent stopped for looping
// (ERROR) are not restarted.
import type { CtRow } from "@/server/agent/agent-messages";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { moduleLogger } from "@/server/logger";
import { enqueueTask } from "@/server/tasks/enqueue-task";

const log = moduleLogger("reconcile");

export async function startOnbootCts(nodeId: string, rows: CtRow[]): Promise<string[]> {
  const stopped = new Set(rows.filter((r) => r.status === "stopped" || r.status === "mounted").map((r) => r.ctid));
  const cts = await db().ct.findMany({ where: { nodeId, onboot: true, state: { notIn: ["ERROR", "MISSING", "CREATING", "DESTROYING", "MIGRATING"] } } });
  const started: string[] = [];
  for (const ct of cts) {
    if (!stopped.has(ct.ctid)) continue;
    try {
      const t = await enqueueTask({ kind: "start", ctId: ct.id, nodeId, tenantId: ct.tenantId, input: { reason: "onboot after node reboot" } });
      started.push(t.id);
    } catch (err) {
      // Already has a task queued or running: that one decides.
      if (!(err instanceof AppError && err.code === "conflict")) throw err;
    }
  }
  if (started.length) log.info({ nodeId, count: started.length }, "node rebooted: starting onboot CTs");
  return started;
}
