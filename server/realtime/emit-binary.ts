// Sends a socket.io event carrying binary (terminal bytes) in one TCP write.
// socket.io turns such an event into two engine.io packets (a header naming
// the event and the attachment), and engine.io's websocket transport sends a
// packet only once the previous one's write completed: two writes, two
// wakeups of the receiver, on every keystroke's echo. Here the packets are
// queued together and flushed with the TCP socket corked, so both frames go
// out in one writev. Falls back to a plain emit when the transport is not an
// open, idle websocket (polling, a write in flight, closing).
import type net from "node:net";
import type { Socket } from "socket.io";

type EngineConn = {
  transport?: { name?: string; writable?: boolean; socket?: { _socket?: net.Socket } };
  flush?: () => void;
};

export function emitBinary(socket: Socket, event: string, ...args: unknown[]): void {
  const conn = socket.conn as unknown as EngineConn;
  const t = conn.transport;
  if (!t || t.name !== "websocket" || t.writable !== true || typeof conn.flush !== "function") {
    socket.emit(event, ...args);
    return;
  }
  t.writable = false; // engine.io now queues every packet of the event
  try {
    socket.emit(event, ...args);
  } finally {
    t.writable = true;
  }
  const raw = t.socket?._socket;
  raw?.cork();
  try {
    conn.flush();
  } finally {
    raw?.uncork();
  }
}
