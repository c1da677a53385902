// The node agent's socket on this replica, if it is connected here. When it is
// on another replica, consoles reach it over the console bus instead
// (remote-console-link.ts), never through the socket.io adapter's table.
import type { Server, Socket } from "socket.io";
import type { AgentSocketData } from "@/server/realtime/agents-namespace";

export function findAgentSocket(io: Server, nodeId: string): Socket | undefined {
  for (const s of io.of("/agents").sockets.values()) {
    if ((s.data as AgentSocketData).nodeId === nodeId && s.connected) return s;
  }
  return undefined;
}
