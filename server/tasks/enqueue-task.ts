// Records a CT or node operation as a queued task. The task runner
// (server/tasks/run-tasks.ts) picks queued tasks up, serializes them per CT and
// drives the node agent; callers only enqueue and return the task to the client.
//
// A retried request with the same idempotency key (per actor) gets the task the
// first one made, never a second run. A second active task on one CT is
// refused with 409 naming the first (the database's partial unique index
// decides under races; see assert-no-conflict.ts).
import type { Prisma } from "@/server/generated/prisma/client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { conflictError } from "@/server/tasks/assert-no-conflict";
import { pokeTaskRunner } from "@/server/tasks/poke-task-runner";

export type TaskKind =
  | "create"
  | "start"
  | "stop"
  | "restart"
  | "reinstall"
  | "set"
  | "destroy"
  | "suspend"
  | "resume"
  | "migrate"
  | "template-build"
  | "template-import";

export type EnqueueTaskInput = {
  kind: TaskKind;
  ctId?: string;
  nodeId?: string;
  tenantId?: string | null;
  actorId?: string | null;
  idempotencyKey?: string;
  input?: Prisma.InputJsonValue;
};

function uniqueTarget(err: unknown): string | null {
  const e = err as { code?: string; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { index?: string; fields?: string[] } } } }; message?: string };
  if (e?.code !== "P2002") return null;
  const c = e.meta?.driverAdapterError?.cause?.constraint;
  return [c?.index, ...(c?.fields ?? []), JSON.stringify(e.meta?.target ?? ""), e.message ?? ""].join(" ");
}

export async function enqueueTask(t: EnqueueTaskInput, tx: Prisma.TransactionClient = db()) {
  if (t.idempotencyKey) {
    const prior = await tx.task.findFirst({ where: { actorId: t.actorId ?? null, idempotencyKey: t.idempotencyKey } });
    if (prior) return sameRequestOrThrow(prior, t);
  }
  // The insert decides under races. When it loses to an active task that has
  // finished by the time we look, the CT is free again: try once more.
  for (let attempt = 0; ; attempt++) {
    try {
      const task = await tx.task.create({
        data: {
          kind: t.kind,
          ctId: t.ctId,
          nodeId: t.nodeId,
          tenantId: t.tenantId ?? null,
          actorId: t.actorId ?? null,
          idempotencyKey: t.idempotencyKey,
          input: t.input ?? {},
        },
      });
      pokeTaskRunner();
      return task;
    } catch (err) {
      const target = uniqueTarget(err);
      if (target === null) throw err;
      if (target.includes("idempotency")) {
        const prior = await db().task.findFirst({ where: { actorId: t.actorId ?? null, idempotencyKey: t.idempotencyKey } });
        if (prior) return sameRequestOrThrow(prior, t);
      }
      const active = t.ctId ? await db().task.findFirst({ where: { ctId: t.ctId, status: { in: ["QUEUED", "RUNNING"] } } }) : null;
      if (active) throw conflictError(active);
      // Inside a caller's transaction the failed insert aborted it: no retry there.
      if (attempt >= 2 || tx !== db()) throw new AppError("conflict", "Another operation on this CT is in progress. Try again shortly.");
    }
  }
}

// The same key with a different request is a client bug, not a retry.
function sameRequestOrThrow<T extends { kind: string; ctId: string | null }>(prior: T, t: EnqueueTaskInput): T {
  if (prior.kind !== t.kind || (prior.ctId ?? undefined) !== t.ctId)
    throw new AppError("conflict", "This idempotency key was already used for a different request.", { detail: `key used by a ${prior.kind} task` });
  return prior;
}
