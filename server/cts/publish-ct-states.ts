// Tells the browsers allowed to see a CT that its state moved without a task
// of theirs moving it (the node reported a stop from inside, a crash, a
// reboot loop): the CT's tenant room and the staff room of /tasks, on every
// replica through the adapter. Ids and states only; the page reloads its
// own view, scoped as any read.
import type { CtState } from "@/server/generated/prisma/enums";
import { STAFF_TASKS_ROOM, tenantTasksRoom } from "@/server/realtime/task-rooms";
import { socketIo } from "@/server/realtime/socket-io-instance";

export type CtStateChange = { id: string; tenantId: string; state: CtState };

export function publishCtStates(changes: CtStateChange[]): void {
  const io = socketIo();
  if (!io || changes.length === 0) return;
  for (const c of changes) io.of("/tasks").to([STAFF_TASKS_ROOM, tenantTasksRoom(c.tenantId)]).emit("ct", { id: c.id, state: c.state.toLowerCase() });
}
