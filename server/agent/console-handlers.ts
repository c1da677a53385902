// Wires the agent's console sessions to its panel socket: parses every console
// message (input must be terminal bytes, binary or latin1 text, under the size
// cap: console-wire-chunk.ts), and detaches all sessions when the panel
// connection drops so their idle clocks run. `panelReadsText` says whether the
// connected panel takes small output chunks as text (its hello reply).
import type { Socket } from "socket.io-client";
import { ackReply } from "@/server/agent/ack-reply";
import {
  ConsoleAckMessage,
  ConsoleCloseMessage,
  ConsoleDetachMessage,
  ConsoleOpenMessage,
  ConsoleResizeMessage,
  isConsoleSessionId,
} from "@/server/agent/console-messages";
import { emitBinaryFromAgent } from "@/server/agent/console-emit-binary";
import { fromWireChunk, toWireChunk } from "@/server/agent/console-wire-chunk";
import { createConsoleSessions } from "@/server/agent/console-sessions";
import type { CorralctlOptions } from "@/server/agent/run-corralctl";
import { moduleLogger } from "@/server/logger";
import type { ZodType } from "zod";

const log = moduleLogger("agent-console");

export function registerConsoleHandlers(socket: Socket, ctl: CorralctlOptions, panelReadsText: () => boolean): { stop: () => void } {
  const sessions = createConsoleSessions(ctl, {
    data: (sessionId, chunk) => {
      if (!socket.connected) return false; // never let socket.io buffer terminal bytes
      const wire = toWireChunk(chunk, panelReadsText());
      if (typeof wire === "string") socket.emit("console:data", sessionId, wire);
      else emitBinaryFromAgent(socket, "console:data", sessionId, wire);
      return true;
    },
    exit: (m) => {
      if (socket.connected) socket.emit("console:exit", m);
    },
  });
  const refused = (event: string) => (issues: string) => log.warn({ event, issues }, "refused a malformed console message");
  const on = <T>(event: string, schema: ZodType<T>, fn: (m: T) => void) =>
    socket.on(event, (raw: unknown) => {
      const p = schema.safeParse(raw);
      if (!p.success) return refused(event)(p.error.issues.map((i) => i.message).join("; "));
      fn(p.data);
    });

  socket.on("console:open", ackReply(ConsoleOpenMessage, (m) => sessions.open(m), refused("console:open")));
  socket.on("console:input", (sessionId: unknown, raw: unknown) => {
    const data = fromWireChunk(raw);
    if (!isConsoleSessionId(sessionId) || !data) return refused("console:input")("not a session id and a chunk of terminal bytes");
    sessions.input(sessionId, data);
  });
  on("console:resize", ConsoleResizeMessage, (m) => sessions.resize(m.sessionId, m.cols, m.rows));
  on("console:ack", ConsoleAckMessage, (m) => sessions.ack(m.sessionId, m.bytes));
  on("console:detach", ConsoleDetachMessage, (m) => sessions.detach(m.sessionId));
  on("console:close", ConsoleCloseMessage, (m) => sessions.close(m.sessionId));
  socket.on("disconnect", () => sessions.detachAll());
  return { stop: () => sessions.closeAll() };
}
