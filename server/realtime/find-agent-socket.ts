// The node agent's socket on this replica, if it is connected here. Terminal
// bytes are relayed only between sockets of one process: carrying them through
// the replicas' Postgres adapter would be far too slow.
import type { Server, Socket } from "socket.io";
import type { AgentSocketData } from "@/server/realtime/agents-namespace";

export function findAgentSocket(io: Server, nodeId: string): Socket | undefined {
  for (const s of io.of("/agents").sockets.values()) {
    if ((s.data as AgentSocketData).nodeId === nodeId && s.connected) return s;
  }
  return undefined;
}
