// Records a CT or node operation as a queued task. The task runner (issue
// "Node agents and tasks") picks queued tasks up, serializes them per CT and
// drives the node agent; callers only enqueue and return the task to the client.
import type { Prisma } from "@/server/generated/prisma/client";
import { db } from "@/server/db/client";

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

export async function enqueueTask(t: EnqueueTaskInput, tx: Prisma.TransactionClient = db()) {
  return tx.task.create({
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
}
