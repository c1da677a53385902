// A console link to an agent held by another replica: every call becomes a
// console bus message to that replica (serve-remote-consoles.ts answers), and
// its bytes come back on the bus in order. `key` is the browser socket's id.
import crypto from "node:crypto";
import { OPEN_TIMEOUT_MS, UNANSWERED, type ConsoleLink } from "@/server/realtime/console-link";
import type { ConsoleBus } from "@/server/realtime/start-console-bus";
import { remoteConsoleViews, type PendingOpen } from "@/server/realtime/remote-console-views";

export function remoteConsoleLink(bus: ConsoleBus, replica: string, nodeId: string, key: string): ConsoleLink {
  const state = remoteConsoleViews();
  return {
    open: (m, attach) =>
      new Promise((resolve) => {
        const rid = crypto.randomBytes(8).toString("hex");
        const timer = setTimeout(() => {
          state.pending.delete(rid);
          // The other side may still attach us: tell it we are gone.
          bus.send(replica, { t: "leave", sessionId: m.sessionId, key });
          resolve(UNANSWERED);
        }, OPEN_TIMEOUT_MS);
        const settle: PendingOpen["settle"] = (r) => {
          clearTimeout(timer);
          state.pending.delete(rid);
          resolve(r);
        };
        state.pending.set(rid, { replica, key, sessionId: m.sessionId, settle, attach });
        state.lastHeard.set(replica, state.lastHeard.get(replica) ?? Date.now());
        if (!bus.send(replica, { t: "open", rid, nodeId, key, m })) settle(UNANSWERED);
      }),
    input: (sessionId, chunk) => void bus.send(replica, { t: "input", sessionId, key }, chunk),
    resize: (sessionId, cols, rows) => void bus.send(replica, { t: "resize", sessionId, key, cols, rows }),
    ack: (sessionId, bytes) => void bus.send(replica, { t: "ack", sessionId, key, bytes }),
    leave: (sessionId) => {
      state.views.delete(key);
      bus.send(replica, { t: "leave", sessionId, key });
    },
  };
}
