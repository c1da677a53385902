// The /tasks namespace: live task progress for browsers. Authenticated by the
// session cookie like the default namespace; staff join the room that sees
// every task, a tenant's users only their tenant's room.
import type { Namespace, Server } from "socket.io";
import { db } from "@/server/db/client";
import { socketAuth, type AuthedSocketData } from "@/server/realtime/socket-auth";
import { STAFF_TASKS_ROOM, tenantTasksRoom } from "@/server/realtime/task-rooms";

export function registerTasksNamespace(io: Server, publicUrl: string): Namespace {
  const ns = io.of("/tasks");
  ns.use(socketAuth(publicUrl));
  ns.on("connection", async (socket) => {
    const { user } = socket.data as AuthedSocketData;
    if (user.role === "admin" || user.role === "support") return void socket.join(STAFF_TASKS_ROOM);
    const row = await db().user.findUnique({ where: { id: user.id }, select: { tenantId: true, disabled: true } });
    if (!row?.tenantId || row.disabled) return void socket.disconnect(true);
    void socket.join(tenantTasksRoom(row.tenantId));
  });
  return ns;
}
