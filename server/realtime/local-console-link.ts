// A console link to an agent connected to this replica: socket.io events on
// its /agents socket, bytes through this process's relay (console-relays.ts).
import type { Socket } from "socket.io";
import type { AckReply } from "@/server/agent/agent-messages";
import type { ConsoleOpenReply } from "@/server/agent/console-messages";
import { endWhenAlone, OPEN_TIMEOUT_MS, UNANSWERED, type ConsoleLink } from "@/server/realtime/console-link";
import { consoleRelays } from "@/server/realtime/console-relays";
import { sendConsoleInput } from "@/server/realtime/send-console-input";

// `key` names the viewer in the relay (the browser socket's id).
export function localConsoleLink(agent: Socket, key: string): ConsoleLink {
  const relays = consoleRelays();
  return {
    open: (m, attach) =>
      new Promise((resolve) => {
        agent.timeout(OPEN_TIMEOUT_MS).emit("console:open", m, (err: Error | null, r: AckReply<ConsoleOpenReply>) => {
          if (err || !r) return resolve(UNANSWERED);
          if (r.ok) {
            const replay = Buffer.from(r.value.replay);
            const viewer = attach({ created: r.value.created, replay });
            if (viewer) relays.attach(m.sessionId, agent, key, viewer, replay);
            else endWhenAlone(agent, m.sessionId, m.kind, relays.detach(m.sessionId, key));
          }
          resolve(r);
        });
      }),
    input: (sessionId, chunk) => sendConsoleInput(agent, sessionId, chunk),
    resize: (sessionId, cols, rows) => void agent.emit("console:resize", { sessionId, cols, rows }),
    ack: (sessionId, bytes) => relays.viewerAck(sessionId, key, bytes),
    leave: (sessionId, kind) => endWhenAlone(agent, sessionId, kind, relays.detach(sessionId, key)),
  };
}
