// Who is viewing each CT's console or shell, and whether its customer has
// handed control to support staff. Broadcast to every viewer of the CT (room
// `console-ct:<id>`), so a customer sees, live, a banner naming support staff.
import type { Namespace } from "socket.io";
import type { ConsoleStatus, ConsoleViewer } from "@/server/realtime/console-control";

type CtPresence = { viewers: Map<string, ConsoleViewer>; handover: boolean };

const g = globalThis as unknown as { corralConsolePresence?: Map<string, CtPresence> };

export const consoleRoom = (ctId: string) => `console-ct:${ctId}`;

export function consolePresence(ns: Namespace) {
  const byCt = (g.corralConsolePresence ??= new Map());
  const broadcast = (ctId: string) => {
    const p = byCt.get(ctId);
    const status: ConsoleStatus = { type: "viewers", viewers: p ? [...p.viewers.values()] : [], handover: p?.handover ?? false };
    ns.to(consoleRoom(ctId)).emit("status", status);
  };
  return {
    add(ctId: string, socketId: string, viewer: ConsoleViewer) {
      let p = byCt.get(ctId);
      if (!p) byCt.set(ctId, (p = { viewers: new Map(), handover: false }));
      p.viewers.set(socketId, viewer);
      broadcast(ctId);
    },
    remove(ctId: string, socketId: string) {
      const p = byCt.get(ctId);
      if (!p) return;
      p.viewers.delete(socketId);
      // Control handed over ends with the last viewer.
      if (p.viewers.size === 0) byCt.delete(ctId);
      broadcast(ctId);
    },
    handover: (ctId: string) => byCt.get(ctId)?.handover ?? false,
    setHandover(ctId: string, allow: boolean, supportMayType: boolean) {
      const p = byCt.get(ctId);
      if (!p) return;
      p.handover = allow;
      for (const v of p.viewers.values()) if (v.role === "support") v.readOnly = !(allow || supportMayType);
    },
    broadcast,
  };
}
