// Which replica holds a node's agent socket, by the console bus id that
// replica stamped on the socket's data (agents-namespace.ts). One adapter
// round trip; undefined when no replica has the agent.
import type { Server } from "socket.io";
import { nodeRoom } from "@/server/realtime/agent-rooms";
import type { AgentSocketData } from "@/server/realtime/agents-namespace";

export async function findAgentReplica(io: Server, nodeId: string): Promise<string | undefined> {
  const sockets = await io.of("/agents").in(nodeRoom(nodeId)).fetchSockets().catch(() => []);
  return sockets.map((s) => (s.data as AgentSocketData).replicaId).find((id) => typeof id === "string");
}
