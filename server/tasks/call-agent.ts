// Calls a node's agent with an acknowledgement and a timeout, on whichever
// panel replica holds its socket (a room broadcast with ack crosses replicas
// through the socket.io adapter). Returns the agent's value or throws the
// AppError it answered with; no agent connected is its own clear error.
import type { AckReply } from "@/server/agent/agent-messages";
import { AppError, type ErrorCode } from "@/server/errors/app-error";
import { nodeRoom } from "@/server/realtime/agent-rooms";
import { socketIo } from "@/server/realtime/socket-io-instance";

const CODES = new Set<string>(["bad_request", "unauthorized", "forbidden", "not_found", "conflict", "payload_too_large", "rate_limited", "unavailable", "internal"]);

export async function callAgent<T>(nodeId: string, event: string, payload: unknown, timeoutMs = 15_000): Promise<T> {
  const io = socketIo();
  if (!io) throw new AppError("unavailable", "The panel's realtime server is not running.");
  const ns = io.of("/agents");
  // An agent connected to this replica is called directly: no round trip
  // through Postgres, and binary chunks never touch the adapter's table.
  const localId = [...(ns.adapter.rooms.get(nodeRoom(nodeId)) ?? [])][0];
  const local = localId ? ns.sockets.get(localId) : undefined;
  let reply: AckReply<T> | undefined;
  try {
    if (local) reply = (await local.timeout(timeoutMs).emitWithAck(event, payload)) as AckReply<T>;
    else reply = ((await ns.to(nodeRoom(nodeId)).timeout(timeoutMs).emitWithAck(event, payload)) as AckReply<T>[])[0];
  } catch {
    throw new AppError("unavailable", "The node's agent did not answer in time.", { detail: `${event}: no acknowledgement within ${timeoutMs} ms` });
  }
  if (!reply) throw new AppError("unavailable", "The node's agent is not connected.", { detail: `${event}: no agent socket for node ${nodeId}` });
  if (!reply.ok) throw new AppError(CODES.has(reply.error.code) ? (reply.error.code as ErrorCode) : "internal", reply.error.message, { detail: reply.error.detail });
  return reply.value;
}
