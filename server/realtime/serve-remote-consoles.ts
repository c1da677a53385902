// Both ends of consoles whose browser and agent are on different replicas,
// over the console bus (start-console-bus.ts). On the replica holding the
// agent, a remote browser is one more viewer of the session's relay: its
// bytes go out on the bus, its acknowledgements come back on it, so the
// relay's back-pressure covers it like a local viewer. On the browser's
// replica, bus messages are handed to the viewer (remote-console-link.ts).
// Each side checks every few seconds that the other still knows the viewer;
// a replica that went away costs its viewers, never a session.
import type { Server } from "socket.io";
import { CONSOLE_MAX_INPUT_BYTES, ConsoleOpenMessage, type ConsoleKind } from "@/server/agent/console-messages";
import { moduleLogger } from "@/server/logger";
import { endWhenAlone } from "@/server/realtime/console-link";
import { consoleRelays, type RelayViewer } from "@/server/realtime/console-relays";
import { findAgentSocket } from "@/server/realtime/find-agent-socket";
import { localConsoleLink } from "@/server/realtime/local-console-link";
import { remoteConsoleViews } from "@/server/realtime/remote-console-views";
import { sendConsoleInput } from "@/server/realtime/send-console-input";
import type { BusHeader, ConsoleBus } from "@/server/realtime/start-console-bus";

const log = moduleLogger("console");

const ALIVE_EVERY_MS = 5000;
const ALIVE_TIMEOUT_MS = 20_000;

type RemoteViewerMeta = { sessionId: string; from: string; key: string; kind: ConsoleKind; lastSeen: number };

const str = (x: unknown) => (typeof x === "string" && x.length > 0 && x.length <= 200 ? x : undefined);
const num = (x: unknown) => (typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 1 << 30 ? x : undefined);

export function serveRemoteConsoles(io: Server, bus: ConsoleBus): () => void {
  const relays = consoleRelays();
  const views = remoteConsoleViews();
  // Agent side: remote viewers by `${replica}/${socket id}`, and those that
  // left before their open was answered (so the answer does not attach them).
  const remote = new Map<string, RemoteViewerMeta>();
  const leftEarly = new Map<string, number>();

  const agentSide: Record<string, (from: string, h: BusHeader, body: Buffer | undefined) => void> = {
    open(from, h) {
      const rid = str(h.rid);
      const key = str(h.key);
      const nodeId = str(h.nodeId);
      const m = ConsoleOpenMessage.safeParse(h.m);
      if (!rid || !key || !nodeId || !m.success) return log.warn({ from }, "refused a malformed remote console open");
      const full = `${from}/${key}`;
      const agent = findAgentSocket(io, nodeId);
      if (!agent) return void bus.send(from, { t: "opened", rid, ok: false, error: { code: "unavailable", message: "The CT's node is offline. Try again when it is back." } });
      const sessionId = m.data.sessionId;
      void localConsoleLink(agent, full)
        .open(m.data, (reply) => {
          if (leftEarly.delete(full)) return undefined;
          remote.set(full, { sessionId, from, key, kind: m.data.kind, lastSeen: Date.now() });
          // Before the replay and any live byte: the bus keeps this order.
          bus.send(from, { t: "opened", rid, ok: true, created: reply.created });
          const viewer: RelayViewer = {
            outstanding: 0,
            send: (chunk) => {
              if (!bus.send(from, { t: "data", key, sessionId }, chunk)) log.warn({ sessionId }, "console bytes for a remote viewer dropped");
            },
            disconnect: () => {
              remote.delete(full);
              bus.send(from, { t: "gone", key });
            },
            onEnded: (reason) => {
              remote.delete(full);
              bus.send(from, { t: "ended", key, reason });
            },
          };
          return viewer;
        })
        .then((r) => {
          if (!r.ok) bus.send(from, { t: "opened", rid, ok: false, error: r.error });
        });
    },
    input(from, h, body) {
      const sessionId = str(h.sessionId);
      const v = remote.get(`${from}/${str(h.key)}`);
      if (!sessionId || v?.sessionId !== sessionId || !body || body.length > CONSOLE_MAX_INPUT_BYTES) return;
      const agent = relays.agentOf(sessionId);
      if (agent) sendConsoleInput(agent, sessionId, body);
    },
    resize(from, h) {
      const sessionId = str(h.sessionId);
      const v = remote.get(`${from}/${str(h.key)}`);
      if (!sessionId || v?.sessionId !== sessionId) return;
      // The agent validates the size (console-messages.ts).
      relays.agentOf(sessionId)?.emit("console:resize", { sessionId, cols: h.cols, rows: h.rows });
    },
    ack(from, h) {
      const sessionId = str(h.sessionId);
      const bytes = num(h.bytes);
      if (sessionId && bytes !== undefined) relays.viewerAck(sessionId, `${from}/${str(h.key)}`, bytes);
    },
    leave(from, h) {
      const sessionId = str(h.sessionId);
      const full = `${from}/${str(h.key)}`;
      const v = remote.get(full);
      if (!sessionId) return;
      if (!v) return void leftEarly.set(full, Date.now());
      remote.delete(full);
      const agent = relays.agentOf(sessionId);
      if (agent) endWhenAlone(agent, sessionId, v.kind, relays.detach(sessionId, full));
    },
    alive(from, h) {
      const keys = Array.isArray(h.keys) ? h.keys.filter((k): k is string => typeof k === "string").slice(0, 10_000) : [];
      const missing: string[] = [];
      const now = Date.now();
      for (const key of keys) {
        const v = remote.get(`${from}/${key}`);
        if (v) v.lastSeen = now;
        else missing.push(key);
      }
      bus.send(from, { t: "alive-ack", missing });
    },
  };

  const viewerSide: Record<string, (from: string, h: BusHeader, body: Buffer | undefined) => void> = {
    opened(from, h) {
      const rid = str(h.rid);
      const p = rid ? views.pending.get(rid) : undefined;
      if (!p || p.replica !== from) return;
      views.lastHeard.set(from, Date.now());
      if (h.ok !== true) {
        const e = (h.error ?? {}) as { code?: unknown; message?: unknown; detail?: unknown };
        return p.settle({ ok: false, error: { code: String(e.code ?? "unavailable"), message: String(e.message ?? "The terminal could not be opened."), ...(typeof e.detail === "string" ? { detail: e.detail } : {}) } });
      }
      // The replay follows as ordinary bytes.
      const reply = { created: h.created === true, replay: Buffer.alloc(0) };
      const viewer = p.attach(reply);
      if (viewer) views.views.set(p.key, { sessionId: p.sessionId, replica: from, viewer });
      else bus.send(from, { t: "leave", sessionId: p.sessionId, key: p.key });
      p.settle({ ok: true, value: reply });
    },
    data(from, h, body) {
      const key = str(h.key);
      const v = key ? views.views.get(key) : undefined;
      if (!v || v.replica !== from) return void bus.send(from, { t: "leave", sessionId: h.sessionId, key });
      if (!body) return;
      v.viewer.send(body);
      v.viewer.onOutput?.(body);
    },
    ended(from, h) {
      const key = str(h.key);
      const v = key ? views.views.get(key) : undefined;
      if (!v || v.replica !== from) return;
      views.views.delete(key!);
      v.viewer.onEnded(String(h.reason ?? "The session ended.").slice(0, 200));
    },
    gone(from, h) {
      const key = str(h.key);
      const v = key ? views.views.get(key) : undefined;
      if (!v || v.replica !== from) return;
      views.views.delete(key!);
      v.viewer.disconnect();
    },
    "alive-ack"(from, h) {
      views.lastHeard.set(from, Date.now());
      for (const key of Array.isArray(h.missing) ? h.missing : []) {
        const v = typeof key === "string" ? views.views.get(key) : undefined;
        if (!v || v.replica !== from) continue;
        views.views.delete(key as string);
        v.viewer.disconnect();
      }
    },
  };

  bus.on((from, h, body) => {
    const fn = Object.hasOwn(agentSide, h.t) ? agentSide[h.t] : Object.hasOwn(viewerSide, h.t) ? viewerSide[h.t] : undefined;
    if (!fn) return log.warn({ from, type: String(h.t).slice(0, 40) }, "ignored an unknown console bus message");
    fn(from, h, body);
  });

  const sweep = setInterval(() => {
    const now = Date.now();
    // Viewer side: tell each agent replica which viewers we still have; drop
    // the viewers of a replica that stopped answering.
    const byReplica = new Map<string, string[]>();
    for (const [key, v] of views.views) byReplica.set(v.replica, [...(byReplica.get(v.replica) ?? []), key]);
    for (const [replica, keys] of byReplica) {
      if (now - (views.lastHeard.get(replica) ?? now) > ALIVE_TIMEOUT_MS) {
        log.warn({ replica, viewers: keys.length }, "a replica holding console sessions stopped answering: closing their viewers");
        for (const key of keys) {
          const v = views.views.get(key);
          views.views.delete(key);
          v?.viewer.disconnect();
        }
        views.lastHeard.delete(replica);
        continue;
      }
      bus.send(replica, { t: "alive", keys });
    }
    // Agent side: a remote viewer not confirmed for a while is gone.
    for (const [full, v] of remote) {
      if (now - v.lastSeen <= ALIVE_TIMEOUT_MS) continue;
      remote.delete(full);
      const agent = relays.agentOf(v.sessionId);
      if (agent) endWhenAlone(agent, v.sessionId, v.kind, relays.detach(v.sessionId, full));
    }
    for (const [full, at] of leftEarly) if (now - at > 60_000) leftEarly.delete(full);
  }, ALIVE_EVERY_MS);
  sweep.unref();
  return () => clearInterval(sweep);
}
