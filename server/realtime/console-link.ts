// How one browser's console viewer reaches the node session behind it: a link
// to the agent socket on this replica, or (remote-console-link.ts) over the
// console bus to the replica holding it. attach-console-viewer.ts speaks only
// to this shape, so tickets, tenancy, presence, audit and recordings stay on
// the replica the browser is connected to, wherever the agent is.
import type { Socket } from "socket.io";
import type { AckReply } from "@/server/agent/agent-messages";
import type { ConsoleKind, ConsoleOpenMessage, ConsoleOpenReply } from "@/server/agent/console-messages";
import type { RelayViewer } from "@/server/realtime/console-relays";

export type ConsoleLink = {
  // Opens or re-attaches the session. `attach` runs synchronously with the
  // agent's reply, before any later byte of the session, and returns the
  // viewer to attach (undefined: the browser left meanwhile, let it go).
  open: (m: ConsoleOpenMessage, attach: (reply: ConsoleOpenReply) => RelayViewer | undefined) => Promise<AckReply<ConsoleOpenReply>>;
  input: (sessionId: string, chunk: Buffer) => void;
  resize: (sessionId: string, cols: number, rows: number) => void;
  // The browser has drawn this many more bytes.
  ack: (sessionId: string, bytes: number) => void;
  // The browser went: the session loses a viewer; with none left a console
  // process ends and a shell starts its idle clock.
  leave: (sessionId: string, kind: ConsoleKind) => void;
};

export const OPEN_TIMEOUT_MS = 15_000;
export const UNANSWERED: AckReply<never> = { ok: false, error: { code: "unavailable", message: "The node did not answer in time. Try again." } };

export function endWhenAlone(agent: Socket, sessionId: string, kind: ConsoleKind, left: number): void {
  if (left === 0) agent.emit(kind === "console" ? "console:close" : "console:detach", { sessionId });
}
