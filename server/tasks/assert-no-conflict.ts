// Operations on one CT are serialized: while a task for the CT is queued or
// running, another is refused with 409 naming it. The API and UI call this
// before enqueueing for a friendly early answer; the partial unique index
// task_one_active_per_ct makes the same rule hold under races (enqueueTask
// maps its violation to this same error).
import type { Prisma } from "@/server/generated/prisma/client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";

export function conflictError(t: { id: string; kind: string; status: string }): AppError {
  return new AppError("conflict", `Another operation on this CT is in progress (${t.kind}, task ${t.id}). Wait for it to finish, then try again.`, {
    detail: `task ${t.id} ${t.kind} is ${t.status.toLowerCase()}`,
  });
}

export async function assertNoConflict(ctId: string, tx: Prisma.TransactionClient = db()): Promise<void> {
  const active = await tx.task.findFirst({ where: { ctId, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true, kind: true, status: true } });
  if (active) throw conflictError(active);
}
