// Recent tasks the caller may see (staff all, customers their tenant's), newest first.
import type { Actor } from "@/server/access/actor";
import { tenantScope } from "@/server/access/tenant-scope";
import { db } from "@/server/db/client";
import { taskView, type TaskView } from "@/server/tasks/task-view";

export async function listTasks(actor: Actor, opts: { ctId?: string; limit?: number } = {}): Promise<TaskView[]> {
  const rows = await db().task.findMany({
    where: { ...tenantScope(actor), ...(opts.ctId ? { ctId: opts.ctId } : {}) },
    orderBy: { createdAt: "desc" },
    take: Math.min(opts.limit ?? 50, 200),
  });
  return rows.map(taskView);
}
