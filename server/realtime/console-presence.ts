// Who is viewing each CT's console or shell, and whether its customer has
// handed control to support staff, across every panel replica: the viewers
// are the sockets in the CT's room (`console-ct:<id>`, fetched through the
// adapter, each carrying its viewer card in socket.data), and control is
// handed over while a customer socket that granted it stays. The list is
// broadcast to the room, so a customer sees, live, a banner naming support
// staff. Each replica caches the handover flag per CT for its support
// viewers' keystrokes; the replica where it changed updates every other
// replica's cache (with acknowledgement) before it tells the browsers.
import type { Namespace, RemoteSocket, Socket } from "socket.io";
import { moduleLogger } from "@/server/logger";
import type { ConsoleStatus, ConsoleViewer } from "@/server/realtime/console-control";

const log = moduleLogger("console");

// What a viewer socket carries in socket.data once attached.
export type PresenceData = { consoleViewer?: Omit<ConsoleViewer, "readOnly"> & { ctId: string }; consoleHandover?: boolean };

const g = globalThis as unknown as { corralConsoleHandover?: Map<string, boolean> };

export const consoleRoom = (ctId: string) => `console-ct:${ctId}`;

const HANDOVER_EVENT = "console:handover";
const SYNC_TIMEOUT_MS = 3000;

type AnySocket = Socket | RemoteSocket<never, unknown>;

export function consolePresence(ns: Namespace, supportMayType: boolean) {
  const cache = (g.corralConsoleHandover ??= new Map());
  const cards = (sockets: AnySocket[]) => sockets.map((s) => s.data as PresenceData).filter((d) => d.consoleViewer);
  const compute = (sockets: AnySocket[]) => {
    const datas = cards(sockets);
    const handover = datas.some((d) => d.consoleHandover === true && d.consoleViewer!.role !== "support");
    const viewers: ConsoleViewer[] = datas.map((d) => {
      const { name, email, role, kind, reason } = d.consoleViewer!;
      return { name, email, role, kind, reason, readOnly: role === "support" && !(handover || supportMayType) };
    });
    return { viewers, handover };
  };
  const setCache = (ctId: string, handover: boolean) => {
    if (handover) cache.set(ctId, true);
    else cache.delete(ctId);
  };
  return {
    handover: (ctId: string) => cache.get(ctId) ?? false,
    // Recomputes the CT's presence from every replica's sockets, syncs the
    // handover flag to the other replicas, then broadcasts the viewer list.
    async broadcast(ctId: string) {
      const sockets = await ns.in(consoleRoom(ctId)).fetchSockets().catch((err) => {
        log.warn({ err, ctId }, "console presence: fetching the viewers failed");
        return null;
      });
      if (!sockets) return;
      const { viewers, handover } = compute(sockets);
      if (handover !== (cache.get(ctId) ?? false)) {
        setCache(ctId, handover);
        // The adapter answers once every replica acknowledged (or after its own 5 s).
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, SYNC_TIMEOUT_MS);
          ns.serverSideEmit(HANDOVER_EVENT, ctId, handover, () => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      ns.to(consoleRoom(ctId)).emit("status", { type: "viewers", viewers, handover } satisfies ConsoleStatus);
    },
    // The other replicas' side of the handover sync; registered once per namespace.
    listen() {
      ns.on(HANDOVER_EVENT, (ctId: unknown, handover: unknown, ack?: unknown) => {
        if (typeof ctId === "string" && typeof handover === "boolean") setCache(ctId, handover);
        if (typeof ack === "function") ack(true);
      });
    },
  };
}
