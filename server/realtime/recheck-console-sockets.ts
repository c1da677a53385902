// Consoles close within seconds when their user logs out, is disabled, loses
// the role they attached with, or moves to another tenant, whichever replica or
// process made the change (logout and disable also close sockets at once
// through socket-registry.ts; this catches everything else).
import type { Namespace } from "socket.io";
import { db } from "@/server/db/client";
import { moduleLogger } from "@/server/logger";
import type { ConsoleStatus } from "@/server/realtime/console-control";
import type { ConsoleSocketData } from "@/server/realtime/console-socket-data";

const log = moduleLogger("console");

export async function recheckConsoleSockets(ns: Namespace): Promise<void> {
  const sockets = [...ns.sockets.values()].filter((s) => (s.data as ConsoleSocketData).console);
  if (sockets.length === 0) return;
  const datas = sockets.map((s) => s.data as ConsoleSocketData);
  const [users, sessions] = await Promise.all([
    db().user.findMany({ where: { id: { in: [...new Set(datas.map((d) => d.user.id))] } }, select: { id: true, role: true, tenantId: true, disabled: true } }),
    db().session.findMany({ where: { id: { in: [...new Set(datas.map((d) => d.sessionId))] }, expiresAt: { gt: new Date() } }, select: { id: true } }),
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const liveSessions = new Set(sessions.map((s) => s.id));
  for (const s of sockets) {
    const d = s.data as ConsoleSocketData;
    const u = userById.get(d.user.id);
    const why = !u || u.disabled ? "account disabled" : !liveSessions.has(d.sessionId) ? "logged out" : u.role !== d.console.actor.role ? "role changed" : u.tenantId !== d.console.actor.tenantId ? "tenant changed" : null;
    if (!why) continue;
    log.info({ user: d.user.email, why }, "closing a console: its user may no longer use it");
    s.emit("status", { type: "ended", reason: "Your access to this terminal ended. Log in again." } satisfies ConsoleStatus);
    s.disconnect(true);
  }
}
