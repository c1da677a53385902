// Recent tasks the caller may see (staff all, customers their tenant's), newest first.
import type { Actor } from "@/server/access/actor";
import { searchTasks } from "@/server/tasks/search-tasks";
import type { TaskView } from "@/server/tasks/task-view";

export async function listTasks(actor: Actor, opts: { ctId?: string; limit?: number } = {}): Promise<TaskView[]> {
  return (await searchTasks(actor, { ctId: opts.ctId, limit: Math.min(opts.limit ?? 50, 200) })).tasks;
}
