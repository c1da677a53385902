// One browser on /console after its handshake: opens (or re-attaches) the
// node session, replays its scrollback, then relays binary input and output
// and the small control messages until the socket goes. Bad input of any kind
// is refused with a logged reason and never harms the session. The agent may
// be on this replica or another (console-link.ts): every check on the
// browser (ticket, tenancy, role, read-only) is made here either way.
import path from "node:path";
import type { Namespace, Server, Socket } from "socket.io";
import { CONSOLE_MAX_INPUT_BYTES } from "@/server/agent/console-messages";
import { recordAudit } from "@/server/audit/record-audit";
import type { Config } from "@/server/config";
import { createConsoleRecording, type ConsoleRecording } from "@/server/console/create-console-recording";
import { requestCtAction } from "@/server/cts/request-ct-action";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { moduleLogger } from "@/server/logger";
import { CONSOLE_CONTROL_MAX_BYTES, ConsoleControl, type ConsoleStatus } from "@/server/realtime/console-control";
import type { ConsoleLink } from "@/server/realtime/console-link";
import { consolePresence, consoleRoom, type PresenceData } from "@/server/realtime/console-presence";
import type { RelayViewer } from "@/server/realtime/console-relays";
import type { ConsoleSocketData } from "@/server/realtime/console-socket-data";
import { emitBinary } from "@/server/realtime/emit-binary";
import { findAgentReplica } from "@/server/realtime/find-agent-replica";
import { findAgentSocket } from "@/server/realtime/find-agent-socket";
import { localConsoleLink } from "@/server/realtime/local-console-link";
import { openConsoleSession, type OpenedConsoleSession } from "@/server/realtime/open-console-session";
import { remoteConsoleLink } from "@/server/realtime/remote-console-link";
import { consoleBus } from "@/server/realtime/start-console-bus";

const log = moduleLogger("console");
const KNOWN_EVENTS = new Set(["data", "control"]);

function controlSize(raw: unknown): number {
  try {
    return JSON.stringify(raw)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

// The way to the CT's node agent: on this replica, or over the console bus to
// the replica holding it; undefined while no replica has it.
async function linkToAgent(io: Server, nodeId: string, key: string): Promise<ConsoleLink | undefined> {
  const agent = findAgentSocket(io, nodeId);
  if (agent) return localConsoleLink(agent, key);
  const bus = consoleBus();
  const replica = bus ? await findAgentReplica(io, nodeId) : undefined;
  return bus && replica && replica !== bus.id ? remoteConsoleLink(bus, replica, nodeId, key) : undefined;
}

export async function attachConsoleViewer(io: Server, ns: Namespace, socket: Socket, config: Config): Promise<void> {
  const data = socket.data as ConsoleSocketData & PresenceData;
  const c = data.console;
  const { actor, ct } = c;
  const status = (s: ConsoleStatus) => socket.emit("status", s);
  const supportMayType = config.CORRAL_SUPPORT_CONSOLE_WRITE === "on";
  const presence = consolePresence(ns, supportMayType);
  const isSupport = actor.role === "support";
  const canWrite = () => !isSupport || supportMayType || presence.handover(ct.id);
  const audit = (action: string, extra: Record<string, unknown>) =>
    recordAudit(actor, { action, tenantId: ct.tenantId, ctId: ct.id, result: "success", changes: { kind: c.kind, ...extra }, detail: c.reason ?? undefined }).catch((err) =>
      log.error({ err, action }, "recording a console audit event failed"),
    );

  // Handlers first: messages sent right after connecting must not be lost.
  let sessionId: string | undefined = undefined;
  let recording: ConsoleRecording | undefined;
  let closed = false;
  // Set once the agent is found; the handlers above run before that.
  const to: { link?: ConsoleLink } = {};
  const pendingInput: Buffer[] = [];
  let pendingBytes = 0;
  // The browser sends its fitted size as soon as it connects, before the
  // session is open: the latest one is applied once it is.
  let pendingResize: { cols: number; rows: number } | undefined;
  const resize = (cols: number, rows: number) => {
    if (!sessionId || !to.link) {
      pendingResize = { cols, rows };
      return;
    }
    to.link.resize(sessionId, cols, rows);
    recording?.resize(cols, rows);
  };

  socket.onAny((event: string) => {
    if (!KNOWN_EVENTS.has(event)) log.warn({ user: actor.email, event: String(event).slice(0, 40) }, "ignored an unknown console event");
  });

  // Keys arrive as a string: one engine.io packet and one websocket frame,
  // where a binary event is two (a header and its attachment), each a wakeup
  // of this process. Raw bytes still come as binary; both become the same
  // bytes for the node (UTF-8, as the browser's TextEncoder made them).
  socket.on("data", (raw: unknown) => {
    if (typeof raw === "string" && raw.length > CONSOLE_MAX_INPUT_BYTES) return log.warn({ user: actor.email, chars: raw.length }, "ignored an oversized console input chunk");
    const chunk = typeof raw === "string" ? Buffer.from(raw) : raw;
    if (!Buffer.isBuffer(chunk)) return log.warn({ user: actor.email }, "ignored console input that is neither text nor binary");
    if (chunk.length > CONSOLE_MAX_INPUT_BYTES) return log.warn({ user: actor.email, bytes: chunk.length }, "ignored an oversized console input chunk");
    if (!canWrite()) return log.debug({ user: actor.email }, "dropped input from a read-only viewer");
    if (!sessionId || !to.link) {
      // Typed before the session opened: kept, within one input chunk's size.
      if (pendingBytes + chunk.length > CONSOLE_MAX_INPUT_BYTES) return log.warn({ user: actor.email }, "dropped console input typed before the session opened");
      pendingBytes += chunk.length;
      return void pendingInput.push(chunk);
    }
    to.link.input(sessionId, chunk);
    recording?.input(chunk);
  });

  socket.on("control", (raw: unknown, ack?: unknown) => {
    const reply = (r: unknown) => typeof ack === "function" && ack(r);
    if (Buffer.isBuffer(raw) || raw instanceof ArrayBuffer) {
      log.warn({ user: actor.email }, "refused binary on the console control channel");
      return reply({ ok: false, error: { code: "bad_request", message: "Control messages are JSON." } });
    }
    const size = controlSize(raw);
    if (size > CONSOLE_CONTROL_MAX_BYTES) {
      log.warn({ user: actor.email, size }, "refused an oversized console control message");
      return reply({ ok: false, error: { code: "payload_too_large", message: "The control message is too large." } });
    }
    const p = ConsoleControl.safeParse(raw);
    if (!p.success) {
      log.warn({ user: actor.email, issues: p.error.issues.map((i) => `${i.path.join(".") || "(message)"}: ${i.message}`).join("; ").slice(0, 300) }, "refused a console control message");
      return reply({ ok: false, error: { code: "bad_request", message: "The control message is malformed." } });
    }
    const m = p.data;
    switch (m.type) {
      case "ack":
        if (sessionId) to.link?.ack(sessionId, m.bytes);
        return;
      case "resize":
        // A read-only viewer (support) never resizes the customer's terminal.
        if (canWrite()) resize(m.cols, m.rows);
        return reply({ ok: true });
      case "detach":
        socket.disconnect(true);
        return;
      case "handover": {
        if (actor.role !== "owner" && actor.role !== "member" && actor.role !== "admin") return reply({ ok: false, error: { code: "forbidden", message: "Only the customer can hand over control." } });
        data.consoleHandover = m.allow;
        void audit(m.allow ? "console.handover" : "console.handover_revoke", {});
        // Answered once every replica knows, so support's next keystroke counts.
        void presence.broadcast(ct.id).finally(() => reply({ ok: true }));
        return;
      }
      case "ctrl-alt-del":
        if (!canWrite() || isSupport) return reply({ ok: false, error: { code: "forbidden", message: "Only the customer can reboot the CT." } });
        void requestCtAction(actor, ct.id, "restart").then(
          (task) => reply({ ok: true, value: { taskId: task.id } }),
          (err) => {
            const e = err instanceof AppError ? err : new AppError("internal", "The CT could not be rebooted.");
            reply({ ok: false, error: { code: e.code, message: e.message } });
          },
        );
        return;
    }
  });

  const cleanup = () => {
    if (closed) return;
    closed = true;
    // The socket has left the room by now: the others see it gone.
    if (data.consoleViewer) void presence.broadcast(ct.id);
    recording?.close();
    if (!sessionId || !to.link) return;
    to.link.leave(sessionId, c.kind);
    if (c.kind === "console") void db().consoleSession.update({ where: { id: sessionId }, data: { endedAt: new Date() } }).catch(() => {});
    void audit("console.detach", { sessionId });
  };
  socket.on("disconnect", cleanup);

  const link = (to.link = await linkToAgent(io, ct.nodeId, socket.id));
  if (!link) {
    status({ type: "refused", message: "The CT's node is offline. Try again when it is back." });
    socket.disconnect(true);
    return;
  }
  // Runs synchronously inside the agent's reply (console-link.ts), so no live
  // byte can slip between the replay and the viewer's attachment.
  const onOpen = (o: OpenedConsoleSession): RelayViewer | undefined => {
    if (socket.disconnected) return undefined;
    sessionId = o.rowId;
    if (isSupport) {
      const file = path.join(config.CORRAL_STATE_DIR, "recordings", `${o.rowId}.cast`);
      recording = createConsoleRecording(file, { cols: c.cols, rows: c.rows, title: `CT ${ct.ctid} console, ${actor.email}` });
    }
    const rec = recording;
    status({ type: "attached", kind: c.kind, readOnly: !canWrite(), token: o.token, created: o.created });
    if (pendingResize) {
      const { cols, rows } = pendingResize;
      pendingResize = undefined;
      resize(cols, rows);
    }
    for (const chunk of pendingInput.splice(0)) link.input(o.rowId, chunk);
    return {
      send: (chunk) => emitBinary(socket, "data", chunk),
      disconnect: () => void socket.disconnect(true),
      outstanding: 0,
      onOutput: rec ? (chunk) => rec.output(chunk) : undefined,
      onEnded: (reason) => {
        if (c.kind === "shell") void db().consoleSession.update({ where: { id: o.rowId }, data: { endedAt: new Date() } }).catch(() => {});
        status({ type: "ended", reason });
        socket.disconnect(true);
      },
    };
  };
  let opened: OpenedConsoleSession;
  try {
    opened = await openConsoleSession(link, c, !canWrite(), onOpen);
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError("internal", "The terminal could not be opened.");
    log.warn({ user: actor.email, ct: ct.id, err: e.opts.detail ?? e.message }, "console session could not open");
    status({ type: "refused", message: e.message });
    socket.disconnect(true);
    return;
  }
  // The reconnect token is the browser's secret: not kept where the adapter
  // would copy it to other replicas (fetchSockets serializes socket.data).
  c.reconnectToken = undefined;
  if (recording) await db().consoleSession.update({ where: { id: opened.rowId }, data: { recordingPath: recording.path } });
  if (socket.disconnected) return;
  data.consoleViewer = { ctId: ct.id, name: data.user.name, email: actor.email, role: actor.role, kind: c.kind, reason: c.reason };
  await socket.join(consoleRoom(ct.id));
  if (socket.disconnected) return;
  await presence.broadcast(ct.id);
  void audit("console.attach", { sessionId: opened.rowId, readOnly: !canWrite(), resumed: !opened.created });
  log.info({ user: actor.email, ct: ct.id, kind: c.kind, session: opened.rowId, resumed: !opened.created, remote: !findAgentSocket(io, ct.nodeId) }, "console attached");
}
