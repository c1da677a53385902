// Issues the one-time ticket a browser presents (with its session cookie) to
// open a /console socket. Bound to (user, CT, kind); expires within 30 s.
// Authorization happens here and again at the handshake: a CT of another
// tenant is not_found, support staff get the console only and must say why.
import crypto from "node:crypto";
import type { Actor } from "@/server/access/actor";
import { notFound } from "@/server/access/not-found";
import { CONSOLE_TICKET_TTL_MS, IssueConsoleTicketInput } from "@/server/console/console-ticket-input";
import { hashConsoleSecret } from "@/server/console/hash-console-secret";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";

export async function issueConsoleTicket(actor: Actor, input: IssueConsoleTicketInput): Promise<{ ticket: string; expiresAt: string }> {
  if (actor.kind !== "user") throw new AppError("forbidden", "Consoles are opened from the panel in a browser.");
  const data = IssueConsoleTicketInput.parse(input);
  const ct = await getCtOrThrow(actor, data.ctId);
  if (actor.role === "support") {
    if (data.kind !== "console") throw notFound("shell");
    if (!data.reason) throw new AppError("bad_request", "Say why you attach to the customer's console.", { fields: [{ path: "reason", message: "required for support staff" }] });
  }
  const ticket = crypto.randomBytes(32).toString("base64url");
  const now = Date.now();
  await db().consoleTicket.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await db().consoleTicket.create({
    data: {
      tokenHash: hashConsoleSecret(ticket),
      userId: actor.userId,
      ctId: ct.id,
      kind: data.kind,
      reason: actor.role === "support" || actor.role === "admin" ? (data.reason ?? null) : null,
      expiresAt: new Date(now + CONSOLE_TICKET_TTL_MS),
    },
  });
  return { ticket, expiresAt: new Date(now + CONSOLE_TICKET_TTL_MS).toISOString() };
}
