// Pushes a task's new state to the browsers allowed to see it: its tenant's
// room and the staff room of the /tasks namespace (on every replica, through
// the adapter). Log lines travel one at a time as `line`, not the whole log.
import type { Task } from "@/server/generated/prisma/client";
import { tenantTasksRoom, STAFF_TASKS_ROOM } from "@/server/realtime/task-rooms";
import { socketIo } from "@/server/realtime/socket-io-instance";
import { taskView } from "@/server/tasks/task-view";

export function publishTask(t: Task, line?: string): void {
  const io = socketIo();
  if (!io) return;
  const view: Partial<ReturnType<typeof taskView>> = taskView(t);
  delete view.log;
  const rooms = t.tenantId ? [STAFF_TASKS_ROOM, tenantTasksRoom(t.tenantId)] : [STAFF_TASKS_ROOM];
  io.of("/tasks").to(rooms).emit("task", line ? { ...view, line } : view);
}
