// The console events an agent socket sends on /agents: terminal bytes (binary,
// or small chunks as latin1 text once the hello's reply said this panel reads
// them: console-wire-chunk.ts; tagged with the session id) and session ends,
// handed to the relays.
import type { Socket } from "socket.io";
import { ConsoleExitMessage, isConsoleSessionId } from "@/server/agent/console-messages";
import { fromWireChunk } from "@/server/agent/console-wire-chunk";
import { moduleLogger } from "@/server/logger";
import { consoleRelays } from "@/server/realtime/console-relays";

const log = moduleLogger("console");

export function registerConsoleAgentEvents(socket: Socket): void {
  const relays = consoleRelays();
  socket.on("console:data", (sessionId: unknown, raw: unknown) => {
    // No size cap of its own: socket.io's maxHttpBufferSize bounds a message.
    const chunk = fromWireChunk(raw, Infinity);
    if (!isConsoleSessionId(sessionId) || !chunk) return log.warn("refused malformed console bytes from an agent");
    relays.fromAgent(socket, sessionId, chunk);
  });
  socket.on("console:exit", (raw: unknown) => {
    const m = ConsoleExitMessage.safeParse(raw);
    if (!m.success) return log.warn("refused a malformed console:exit from an agent");
    relays.ended(socket, m.data.sessionId, m.data.reason);
  });
  socket.on("disconnect", () => relays.agentGone(socket));
}
