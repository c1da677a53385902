// The /console namespace: browser terminals for CT consoles and shells.
// Handshake: session cookie and Origin (socket-auth.ts), then a one-time
// ticket bound to (user, CT, kind) and the CT's authorization
// (authorize-console-socket.ts). Events: `data` (terminal bytes: typed keys
// come as a string, raw bytes as binary; output goes as binary), `control`
// (small JSON from the browser), `status` (JSON to it).
import type { Namespace, Server } from "socket.io";
import type { Config } from "@/server/config";
import { moduleLogger } from "@/server/logger";
import { attachConsoleViewer } from "@/server/realtime/attach-console-viewer";
import { authorizeConsoleSocket } from "@/server/realtime/authorize-console-socket";
import { consolePresence } from "@/server/realtime/console-presence";
import { recheckConsoleSockets } from "@/server/realtime/recheck-console-sockets";
import { socketAuth } from "@/server/realtime/socket-auth";

const log = moduleLogger("console");

// Within the 5 s for closing consoles of a user who lost access.
const RECHECK_MS = 2000;

export function registerConsoleNamespace(io: Server, config: Config): Namespace {
  const ns = io.of("/console");
  ns.use(socketAuth(config.publicUrl));
  ns.use((socket, next) => void authorizeConsoleSocket(config.CORRAL_CONSOLE_IDLE_SECONDS)(socket, next).catch((err) => {
    log.error({ err }, "console handshake failed");
    next(new Error("internal: the console could not be opened"));
  }));
  ns.on("connection", (socket) => {
    void attachConsoleViewer(io, ns, socket, config).catch((err) => {
      log.error({ err }, "console viewer failed");
      socket.disconnect(true);
    });
  });
  // Handover flags changed on other replicas (console-presence.ts).
  consolePresence(ns, config.CORRAL_SUPPORT_CONSOLE_WRITE === "on").listen();
  const timer = setInterval(() => void recheckConsoleSockets(ns).catch((err) => log.error({ err }, "console recheck failed")), RECHECK_MS);
  timer.unref();
  return ns;
}
