// socket.io on the panel's own HTTP server and port. Namespaces (/console,
// /metrics, /agents) register themselves here as their issues land.
import type http from "node:http";
import { Server } from "socket.io";
import { moduleLogger } from "@/server/logger";
import { socketAuth, type AuthedSocketData } from "@/server/realtime/socket-auth";

const log = moduleLogger("realtime");

export function createSocketServer(httpServer: http.Server, publicUrl: string): Server {
  const io = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    // Control messages are small; terminal data is chunked well below this.
    maxHttpBufferSize: 1_000_000,
    cors: { origin: new URL(publicUrl).origin, credentials: true },
  });
  io.engine.on("connection_error", (err: { code: number; message: string }) => log.debug({ code: err.code, reason: err.message }, "socket refused"));
  // The default namespace answers "whoami"; feature namespaces add their own handlers.
  const main = io.of("/");
  main.use(socketAuth(publicUrl));
  main.on("connection", (socket) => {
    socket.on("whoami", (ack: unknown) => {
      if (typeof ack === "function") ack({ user: (socket.data as AuthedSocketData).user });
    });
  });
  return io;
}
