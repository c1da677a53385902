// Appends one audit event. Secrets never reach the trail: keys that look like a
// password, secret or token are dropped from `changes` before the insert.
import type { Actor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import type { Prisma } from "@/server/generated/prisma/client";

export type AuditEventInput = {
  action: string;
  tenantId?: string | null;
  ctId?: string | null;
  changes?: Record<string, unknown>;
  result: "success" | "failure";
  detail?: string;
};

const SECRET_KEY = /password|secret|token$|^token|backup/i;

function scrub(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k, v]) => v !== undefined && !SECRET_KEY.test(k))
        .map(([k, v]) => [k, scrub(v)]),
    );
  }
  return value;
}

export async function recordAudit(actor: Actor, ev: AuditEventInput, tx: Prisma.TransactionClient = db()) {
  const who =
    actor.kind === "user"
      ? { actorId: actor.userId, actorEmail: actor.email, actorKind: "user", sourceIp: actor.ip, userAgent: actor.userAgent }
      : actor.kind === "api_token"
        ? { actorId: actor.tokenId, actorEmail: null, actorKind: "api_token", sourceIp: actor.ip, userAgent: actor.userAgent }
        : { actorId: null, actorEmail: null, actorKind: "system", sourceIp: null, userAgent: actor.reason };
  await tx.auditEvent.create({
    data: {
      ...who,
      sourceIp: who.sourceIp ?? null,
      userAgent: who.userAgent?.slice(0, 500) ?? null,
      tenantId: ev.tenantId ?? null,
      ctId: ev.ctId ?? null,
      action: ev.action,
      changes: ev.changes ? (scrub(ev.changes) as Prisma.InputJsonValue) : undefined,
      result: ev.result,
      detail: ev.detail?.slice(0, 1000) ?? null,
    },
  });
}
