// Finds or starts the node-side session for a /console socket. A console
// viewer gets its own `corralctl console` (the CT monitor serves any number
// and replays its ring); a shell is re-attached by its reconnect token when the
// agent still holds it, otherwise a new one starts with a new token.
import crypto from "node:crypto";
import type { AckReply } from "@/server/agent/agent-messages";
import type { ConsoleOpenMessage, ConsoleOpenReply } from "@/server/agent/console-messages";
import { hashConsoleSecret } from "@/server/console/hash-console-secret";
import { db } from "@/server/db/client";
import { AppError, type ErrorCode } from "@/server/errors/app-error";
import type { ConsoleLink } from "@/server/realtime/console-link";
import type { RelayViewer } from "@/server/realtime/console-relays";
import type { ConsoleSocketData } from "@/server/realtime/console-socket-data";

export type OpenedConsoleSession = { rowId: string; token?: string; created: boolean; replay: Buffer };

// `onOpen` runs inside the agent's acknowledgement (console-link.ts): the
// session's live bytes start right after its replay, so the viewer it returns
// is attached before any of them.
async function ask(link: ConsoleLink, m: ConsoleOpenMessage, onOpen: (reply: ConsoleOpenReply) => RelayViewer | undefined): Promise<AckReply<ConsoleOpenReply>> {
  return link.open(m, onOpen);
}

export async function openConsoleSession(
  link: ConsoleLink,
  c: ConsoleSocketData["console"],
  readOnly: boolean,
  onOpen: (o: OpenedConsoleSession) => RelayViewer | undefined,
): Promise<OpenedConsoleSession> {
  const base = { ctid: c.ct.ctid, kind: c.kind, cols: c.cols, rows: c.rows };
  if (c.kind === "shell" && c.reconnectToken) {
    const row = await db().consoleSession.findUnique({ where: { reconnectHash: hashConsoleSecret(c.reconnectToken) } });
    if (row && row.userId === c.actor.userId && row.ctId === c.ct.id && row.kind === "shell" && !row.endedAt) {
      let opened: OpenedConsoleSession | undefined;
      const r = await ask(link, { ...base, sessionId: row.id, idleMs: c.idleMs, attachOnly: true }, (reply) => onOpen((opened = { rowId: row.id, token: c.reconnectToken, created: false, replay: reply.replay })));
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
  const r = await ask(link, { ...base, sessionId: row.id, idleMs: c.kind === "console" ? 0 : c.idleMs, attachOnly: false }, (reply) => onOpen((opened = { rowId: row.id, token, created: true, replay: reply.replay })));
  if (!r.ok) {
    await db().consoleSession.update({ where: { id: row.id }, data: { endedAt: new Date() } });
    throw new AppError(r.error.code as ErrorCode, r.error.message, { detail: r.error.detail });
  }
  return opened!;
}
