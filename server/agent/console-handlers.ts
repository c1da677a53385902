// Wires the agent's console sessions to its panel socket: parses every console
// message (binary input must be a Buffer under the size cap), and detaches all
// sessions when the panel connection drops so their idle clocks run.
import type { Socket } from "socket.io-client";
import { ackReply } from "@/server/agent/ack-reply";
import {
  CONSOLE_MAX_INPUT_BYTES,
  ConsoleAckMessage,
  ConsoleCloseMessage,
  ConsoleDetachMessage,
  ConsoleOpenMessage,
  ConsoleResizeMessage,
  isConsoleSessionId,
} from "@/server/agent/console-messages";
import { emitBinaryFromAgent } from "@/server/agent/console-emit-binary";
import { createConsoleSessions } from "@/server/agent/console-sessions";
import type { CorralctlOptions } from "@/server/agent/run-corralctl";
import { moduleLogger } from "@/server/logger";
import type { ZodType } from "zod";

const log = moduleLogger("agent-console");

export function registerConsoleHandlers(socket: Socket, ctl: CorralctlOptions): { stop: () => void } {
  const sessions = createConsoleSessions(ctl, {
    data: (sessionId, chunk) => {
      if (!socket.connected) return false; // never let socket.io buffer terminal bytes
      emitBinaryFromAgent(socket, "console:data", sessionId, chunk);
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
  socket.on("console:input", (sessionId: unknown, data: unknown) => {
    if (!isConsoleSessionId(sessionId) || !Buffer.isBuffer(data) || data.length > CONSOLE_MAX_INPUT_BYTES) return refused("console:input")("not a session id and a binary chunk");
    sessions.input(sessionId, data);
  });
  on("console:resize", ConsoleResizeMessage, (m) => sessions.resize(m.sessionId, m.cols, m.rows));
  on("console:ack", ConsoleAckMessage, (m) => sessions.ack(m.sessionId, m.bytes));
  on("console:detach", ConsoleDetachMessage, (m) => sessions.detach(m.sessionId));
  on("console:close", ConsoleCloseMessage, (m) => sessions.close(m.sessionId));
  socket.on("disconnect", () => sessions.detachAll());
  return { stop: () => sessions.closeAll() };
}
