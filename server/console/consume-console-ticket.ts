// Uses up a console ticket at the socket handshake. The row is deleted first,
// so a ticket works once even when two sockets race with it; then it must be
// unexpired and match the user, CT and kind the socket asks for.
import { hashConsoleSecret } from "@/server/console/hash-console-secret";
import { db } from "@/server/db/client";

export type ConsumedTicket = { ctId: string; kind: "console" | "shell"; reason: string | null };

export async function consumeConsoleTicket(
  ticket: string,
  want: { userId: string; ctId: string; kind: string },
): Promise<{ ok: true; ticket: ConsumedTicket } | { ok: false; why: string }> {
  const row = await db()
    .consoleTicket.delete({ where: { tokenHash: hashConsoleSecret(ticket) } })
    .catch(() => null);
  if (!row) return { ok: false, why: "ticket unknown or already used" };
  if (row.expiresAt.getTime() <= Date.now()) return { ok: false, why: "ticket expired" };
  if (row.userId !== want.userId) return { ok: false, why: "ticket of another user" };
  if (row.ctId !== want.ctId) return { ok: false, why: "ticket for another CT" };
  if (row.kind !== want.kind) return { ok: false, why: "ticket for another kind of terminal" };
  return { ok: true, ticket: { ctId: row.ctId, kind: row.kind as "console" | "shell", reason: row.reason } };
}
