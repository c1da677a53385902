// Finds or starts the node-side session for a /console socket. A console
// viewer gets its own `corralctl console` (the CT monitor serves any number
// and replays its ring); a shell is re-attached by its reconnect token when the
// agent still holds it, otherwise a new one starts with a new token.
import crypto from "node:crypto";
import type { Socket } from "socket.io";
import type { AckReply } from "@/server/agent/agent-messages";
import type { ConsoleOpenMessage, ConsoleOpenReply } from "@/server/agent/console-messages";
import { hashConsoleSecret } from "@/server/console/hash-console-secret";
import { db } from "@/server/db/client";
import { AppError, type ErrorCode } from "@/server/errors/app-error";
import type { ConsoleSocketData } from "@/server/realtime/console-socket-data";

export type OpenedConsoleSession = { rowId: string; token?: string; created: boolean; replay: Buffer };

// `onOpen` runs inside the agent's acknowledgement, before socket.io hands on
// any later packet of that agent: the session's live bytes start right after
// its replay, so the viewer must be attached to the relay synchronously there.
function ask(agent: Socket, m: ConsoleOpenMessage, onOpen: (replay: Buffer) => void): Promise<AckReply<ConsoleOpenReply>> {
  return new Promise((resolve) => {
    agent.timeout(15_000).emit("console:open", m, (err: Error | null, r: AckReply<ConsoleOpenReply>) => {
      if (err || !r) return resolve({ ok: false, error: { code: "unavailable", message: "The node did not answer in time. Try again." } });
      if (r.ok) onOpen(Buffer.from(r.value.replay));
      resolve(r);
    });
  });
}

export async function openConsoleSession(
  agent: Socket,
  c: ConsoleSocketData["console"],
  readOnly: boolean,
  onOpen: (o: OpenedConsoleSession) => void,
): Promise<OpenedConsoleSession> {
  const base = { ctid: c.ct.ctid, kind: c.kind, cols: c.cols, rows: c.rows };
  if (c.kind === "shell" && c.reconnectToken) {
    const row = await db().consoleSession.findUnique({ where: { reconnectHash: hashConsoleSecret(c.reconnectToken) } });
    if (row && row.userId === c.actor.userId && row.ctId === c.ct.id && row.kind === "shell" && !row.endedAt) {
      let opened: OpenedConsoleSession | undefined;
      const r = await ask(agent, { ...base, sessionId: row.id, idleMs: c.idleMs, attachOnly: true }, (replay) => onOpen((opened = { rowId: row.id, token: c.reconnectToken, created: false, replay })));
      if (r.ok) return opened!;
      if (r.error.code !== "not_found") throw new AppError(r.error.code as ErrorCode, r.error.message);
      // The agent no longer has it (idle, exited, node restarted): start afresh.
      await db().consoleSession.update({ where: { id: row.id }, data: { endedAt: new Date() } });
    }
  }
  const token = c.kind === "shell" ? crypto.randomBytes(24).toString("base64url") : undefined;
  const row = await db().consoleSession.create({
    data: { ctId: c.ct.id, userId: c.actor.userId, kind: c.kind, reason: c.reason, readOnly, reconnectHash: token ? hashConsoleSecret(token) : null },
  });
  // A console viewer's process ends with its socket; a shell waits idleMs for one.
  let opened: OpenedConsoleSession | undefined;
  const r = await ask(agent, { ...base, sessionId: row.id, idleMs: c.kind === "console" ? 0 : c.idleMs, attachOnly: false }, (replay) => onOpen((opened = { rowId: row.id, token, created: true, replay })));
  if (!r.ok) {
    await db().consoleSession.update({ where: { id: row.id }, data: { endedAt: new Date() } });
    throw new AppError(r.error.code as ErrorCode, r.error.message, { detail: r.error.detail });
  }
  return opened!;
}
