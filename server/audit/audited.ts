// Runs a mutation in one transaction and leaves exactly one audit event: the
// success row commits with the change; a refusal or failure is written after
// the rollback, so the trail also shows what was tried and denied.
import type { Actor } from "@/server/access/actor";
import { recordAudit, type AuditEventInput } from "@/server/audit/record-audit";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { Prisma } from "@/server/generated/prisma/client";

export type AuditDraft = Omit<AuditEventInput, "result" | "detail">;

export async function audited<T>(
  actor: Actor,
  draft: AuditDraft,
  fn: (tx: Prisma.TransactionClient, ev: AuditDraft) => Promise<T>,
  opts: { maxWait?: number; timeout?: number } = {},
): Promise<T> {
  const ev: AuditDraft = { ...draft, tenantId: draft.tenantId ?? (actor.kind === "system" ? null : actor.tenantId) };
  try {
    return await db().$transaction(
      async (tx) => {
        const result = await fn(tx, ev);
        await recordAudit(actor, { ...ev, result: "success" }, tx);
        return result;
      },
      { maxWait: opts.maxWait ?? 10_000, timeout: opts.timeout ?? 15_000 },
    );
  } catch (err) {
    const detail = err instanceof AppError ? `${err.code}: ${err.message}` : "internal error";
    await recordAudit(actor, { ...ev, result: "failure", detail }).catch(() => {});
    throw err;
  }
}
