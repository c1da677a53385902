// The process's socket.io server, for domain code that must reach sockets
// (revoking a node disconnects its agent; tasks publish progress). Set once by
// createSocketServer; undefined in processes without one (tests, scripts).
import type { Server } from "socket.io";

const globalForIo = globalThis as unknown as { corralIo?: Server };

export function setSocketIo(io: Server | undefined): void {
  globalForIo.corralIo = io;
}

export function socketIo(): Server | undefined {
  return globalForIo.corralIo;
}
