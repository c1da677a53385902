// The panel's half of a terminal session: relays bytes between one node
// agent's session and the browsers viewing it. Back-pressure end to end: each
// viewer acknowledges what it has drawn; while any viewer of a session is more
// than VIEWER_WINDOW_BYTES behind, the relay holds back its acks to the agent,
// which then stops reading that session's pty (console-sessions.ts). Nothing
// is buffered without bound, and other sessions on the same agent socket flow on.
// A viewer is a browser socket on this replica, or one on another replica
// reached over the console bus (serve-remote-consoles.ts): the relay always
// lives on the replica holding the agent's socket.
import type { Socket } from "socket.io";
import { moduleLogger } from "@/server/logger";

const log = moduleLogger("console");

export const VIEWER_WINDOW_BYTES = 1024 * 1024;

export type RelayViewer = {
  send: (chunk: Buffer) => void;
  disconnect: () => void;
  outstanding: number;
  onOutput?: (chunk: Buffer) => void; // the recording, for support sessions
  onEnded: (reason: string) => void;
};

type Relay = { sessionId: string; agent: Socket; viewers: Map<string, RelayViewer>; held: number; ackable: number; flushQueued: boolean; ackTimer?: NodeJS.Timeout };

const g = globalThis as unknown as { corralConsoleRelays?: Map<string, Relay> };

function behind(r: Relay) {
  for (const v of r.viewers.values()) if (v.outstanding >= VIEWER_WINDOW_BYTES) return true;
  return false;
}

// Acknowledgements to the agent are batched: the agent's window (2 MiB) is
// far larger than ACK_BATCH_BYTES, so acking every chunk (every keystroke's
// echo) would only wake the agent for nothing.
const ACK_BATCH_BYTES = 64 * 1024;
const ACK_DELAY_MS = 20;

function flush(r: Relay) {
  const send = () => {
    r.flushQueued = false;
    clearTimeout(r.ackTimer);
    r.ackTimer = undefined;
    if (r.ackable > 0 && r.agent.connected) r.agent.emit("console:ack", { sessionId: r.sessionId, bytes: r.ackable });
    r.ackable = 0;
  };
  if (r.ackable >= ACK_BATCH_BYTES) {
    if (!r.flushQueued) {
      r.flushQueued = true;
      setImmediate(send);
    }
    return;
  }
  r.ackTimer ??= setTimeout(send, ACK_DELAY_MS);
}

export function consoleRelays() {
  const relays = (g.corralConsoleRelays ??= new Map());
  return {
    // Adds a viewer; `replay` is sent to it alone, before any live byte.
    attach(sessionId: string, agent: Socket, socketId: string, viewer: RelayViewer, replay: Buffer) {
      let r = relays.get(sessionId);
      if (!r || r.agent !== agent) {
        r = { sessionId, agent, viewers: r?.viewers ?? new Map(), held: 0, ackable: 0, flushQueued: false };
        relays.set(sessionId, r);
      }
      if (replay.length > 0) {
        viewer.send(replay);
        viewer.outstanding += replay.length;
        viewer.onOutput?.(replay);
      }
      r.viewers.set(socketId, viewer);
    },
    // Returns how many viewers the session still has.
    detach(sessionId: string, socketId: string): number {
      const r = relays.get(sessionId);
      if (!r) return 0;
      r.viewers.delete(socketId);
      if (r.viewers.size === 0) relays.delete(sessionId);
      else if (r.held > 0 && !behind(r)) {
        r.ackable += r.held;
        r.held = 0;
        flush(r);
      }
      return r.viewers.size;
    },
    // The agent socket holding the session, if it is held on this replica.
    agentOf: (sessionId: string): Socket | undefined => relays.get(sessionId)?.agent,
    viewer: (sessionId: string, key: string): RelayViewer | undefined => relays.get(sessionId)?.viewers.get(key),
    // Every viewer key of every session, for the remote viewers' liveness sweep.
    entries: () => [...relays.values()].flatMap((r) => [...r.viewers.entries()].map(([key, v]) => ({ sessionId: r.sessionId, key, viewer: v }))),
    viewerAck(sessionId: string, socketId: string, bytes: number) {
      const r = relays.get(sessionId);
      const v = r?.viewers.get(socketId);
      if (!r || !v) return;
      v.outstanding = Math.max(0, v.outstanding - bytes);
      if (r.held > 0 && !behind(r)) {
        r.ackable += r.held;
        r.held = 0;
        flush(r);
      }
    },
    fromAgent(agent: Socket, sessionId: string, chunk: Buffer) {
      const r = relays.get(sessionId);
      if (!r) {
        // No viewer here (any more): let the agent go on; it keeps its ring.
        agent.emit("console:detach", { sessionId });
        return;
      }
      if (r.agent !== agent) return log.warn({ sessionId }, "dropped console bytes from an agent that does not hold the session");
      for (const v of r.viewers.values()) {
        v.send(chunk);
        v.outstanding += chunk.length;
        v.onOutput?.(chunk);
      }
      if (behind(r)) r.held += chunk.length;
      else {
        r.ackable += chunk.length;
        flush(r);
      }
    },
    ended(agent: Socket, sessionId: string, reason: string) {
      const r = relays.get(sessionId);
      if (!r || r.agent !== agent) return;
      relays.delete(sessionId);
      for (const v of r.viewers.values()) v.onEnded(reason);
    },
    agentGone(agent: Socket) {
      for (const r of [...relays.values()]) {
        if (r.agent !== agent) continue;
        relays.delete(r.sessionId);
        // Not the end of a shell: the agent keeps it, so viewers reconnect and re-attach.
        for (const v of r.viewers.values()) v.disconnect();
      }
    },
  };
}
