// Terminal input to an agent socket on this replica: as latin1 text when the
// agent said in its hello that it reads it (one websocket frame: a keystroke's
// cheapest form), else binary as every agent reads it (console-wire-chunk.ts).
import type { Socket } from "socket.io";
import { toWireChunk } from "@/server/agent/console-wire-chunk";
import type { AgentSocketData } from "@/server/realtime/agents-namespace";
import { emitBinary } from "@/server/realtime/emit-binary";

export function sendConsoleInput(agent: Socket, sessionId: string, chunk: Buffer): void {
  const wire = toWireChunk(chunk, (agent.data as Partial<AgentSocketData> | undefined)?.consoleText === true);
  if (typeof wire === "string") agent.emit("console:input", sessionId, wire);
  else emitBinary(agent, "console:input", sessionId, wire);
}
