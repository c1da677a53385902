// The agent's half of server/realtime/emit-binary.ts: a socket.io-client event
// carrying terminal bytes leaves in one TCP write instead of two (engine.io's
// client also sends an event's attachment only after its header's write).
import type net from "node:net";
import type { Socket } from "socket.io-client";

type EngineClient = {
  transport?: { name?: string; writable?: boolean; ws?: { _socket?: net.Socket } };
  upgrading?: boolean;
  flush?: () => void;
};

export function emitBinaryFromAgent(socket: Socket, event: string, ...args: unknown[]): void {
  const engine = socket.io.engine as unknown as EngineClient | undefined;
  const t = engine?.transport;
  if (!engine || !t || t.name !== "websocket" || t.writable !== true || engine.upgrading || typeof engine.flush !== "function") {
    socket.emit(event, ...args);
    return;
  }
  t.writable = false; // the engine now queues every packet of the event
  try {
    socket.emit(event, ...args);
  } finally {
    t.writable = true;
  }
  const raw = t.ws?._socket;
  raw?.cork();
  try {
    engine.flush();
  } finally {
    raw?.uncork();
  }
}
