// Which open sockets belong to which session and user, so logging out or
// disabling a user closes them at once. On globalThis: Next's bundled route code
// (server actions, /api/auth) and the custom server are separate module graphs
// in one process and must share the one registry.
import type { Socket } from "socket.io";

type Registry = { byUser: Map<string, Set<Socket>>; bySession: Map<string, Set<Socket>> };

const g = globalThis as unknown as { corralSockets?: Registry };
const registry = (): Registry => (g.corralSockets ??= { byUser: new Map(), bySession: new Map() });

function add(map: Map<string, Set<Socket>>, key: string, s: Socket) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(s);
}

function remove(map: Map<string, Set<Socket>>, key: string, s: Socket) {
  const set = map.get(key);
  set?.delete(s);
  if (set?.size === 0) map.delete(key);
}

export function registerSocket(socket: Socket, userId: string, sessionId: string): void {
  const r = registry();
  add(r.byUser, userId, socket);
  add(r.bySession, sessionId, socket);
  socket.once("disconnect", () => {
    remove(r.byUser, userId, socket);
    remove(r.bySession, sessionId, socket);
  });
}

function closeAll(set: Set<Socket> | undefined, reason: string): number {
  const sockets = [...(set ?? [])];
  for (const s of sockets) {
    s.emit("session_ended", { reason });
    s.disconnect(true);
  }
  return sockets.length;
}

export function closeUserSockets(userId: string): number {
  return closeAll(registry().byUser.get(userId), "account");
}

export function closeSessionSockets(sessionId: string): number {
  return closeAll(registry().bySession.get(sessionId), "logout");
}
