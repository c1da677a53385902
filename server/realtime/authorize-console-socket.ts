// The /console handshake after the session cookie and Origin (socket-auth.ts):
// parses the handshake, uses up the one-time ticket, and authorizes the CT for
// the user before any process starts on the node. Every refusal is logged with
// its reason (never the ticket) and answered with one short message.
import type { Socket } from "socket.io";
import { z } from "zod";
import type { Actor, Role } from "@/server/access/actor";
import { consumeConsoleTicket } from "@/server/console/consume-console-ticket";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { db } from "@/server/db/client";
import { moduleLogger } from "@/server/logger";
import type { ConsoleSocketData } from "@/server/realtime/console-socket-data";

const log = moduleLogger("console");

const Handshake = z.object({
  ticket: z.string().min(20).max(200),
  ctId: z.string().min(1).max(64),
  kind: z.enum(["console", "shell"]),
  // The shell's reconnect token, kept in the page's URL.
  session: z.string().min(20).max(200).optional(),
  cols: z.number().int().min(2).max(1000).default(80),
  rows: z.number().int().min(1).max(500).default(24),
  // A viewer may ask for a shorter idle time than the panel's (never longer).
  idleSeconds: z.number().int().min(1).max(86_400).optional(),
});

export function authorizeConsoleSocket(idleSeconds: number) {
  return async (socket: Socket, next: (err?: Error) => void) => {
    const data = socket.data as ConsoleSocketData;
    const refuse = (message: string, why: string, extra: Record<string, unknown> = {}) => {
      log.warn({ user: data.user?.email, why, ...extra }, "console socket refused");
      next(new Error(message));
    };
    const h = Handshake.safeParse(socket.handshake.auth);
    if (!h.success) return refuse("bad_request: malformed console handshake", "malformed handshake", { issues: h.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ").slice(0, 300) });
    const t = await consumeConsoleTicket(h.data.ticket, { userId: data.user.id, ctId: h.data.ctId, kind: h.data.kind });
    if (!t.ok) return refuse("unauthorized: console ticket invalid or expired", t.why, { ctId: h.data.ctId });
    const user = await db().user.findUnique({ where: { id: data.user.id }, select: { email: true, role: true, tenantId: true, disabled: true } });
    if (!user || user.disabled) return refuse("unauthorized: log in first", "user disabled or gone");
    const ua = socket.handshake.headers["user-agent"];
    const actor: Actor & { kind: "user" } = {
      kind: "user",
      userId: data.user.id,
      email: user.email,
      role: user.role as Role,
      tenantId: user.tenantId,
      sessionId: data.sessionId,
      ip: socket.handshake.address,
      userAgent: ua,
    };
    const ct = await getCtOrThrow(actor, h.data.ctId).catch(() => null);
    // Another tenant's CT answers exactly like a CT that does not exist.
    if (!ct) return refuse("not_found: The CT does not exist.", "CT not found or not the user's", { ctId: h.data.ctId });
    if (actor.role === "support" && (h.data.kind !== "console" || !t.ticket.reason)) return refuse("forbidden: support staff attach to the console with a reason", "support without console reason");
    data.console = {
      actor,
      ct: { id: ct.id, ctid: ct.ctid, nodeId: ct.nodeId, tenantId: ct.tenantId, hostname: ct.hostname },
      kind: h.data.kind,
      reason: t.ticket.reason,
      reconnectToken: h.data.kind === "shell" ? h.data.session : undefined,
      cols: h.data.cols,
      rows: h.data.rows,
      idleMs: Math.min(h.data.idleSeconds ?? idleSeconds, idleSeconds) * 1000,
    };
    next();
  };
}
