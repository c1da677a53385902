// Power actions on a CT (start, stop, restart, force stop, suspend, resume):
// checked against the CT's state and the caller's role, queued as a task, and
// audited, in one transaction. Support staff read but never act.
import { z } from "zod";
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { audited } from "@/server/audit/audited";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { AppError } from "@/server/errors/app-error";
import type { CtState } from "@/server/generated/prisma/client";
import { assertNoConflict } from "@/server/tasks/assert-no-conflict";
import { enqueueTask, type TaskKind } from "@/server/tasks/enqueue-task";
import { taskView } from "@/server/tasks/task-view";

export const CT_ACTIONS = ["start", "stop", "restart", "force-stop", "suspend", "resume"] as const;
export type CtAction = (typeof CT_ACTIONS)[number];

export const CtActionInput = z
  .strictObject({
    action: z.enum(CT_ACTIONS),
    idempotencyKey: z.string().min(1).max(100).optional().describe("a retry with the same key returns the first task"),
  })
  .meta({ id: "CtActionInput" });

// Which states each action makes sense from, and the sentence when it does not.
const ALLOWED: Record<CtAction, { from: CtState[]; refuse: string }> = {
  start: { from: ["STOPPED", "ERROR"], refuse: "The CT is not stopped, so it cannot be started." },
  stop: { from: ["RUNNING"], refuse: "The CT is not running. Start it first." },
  restart: { from: ["RUNNING"], refuse: "The CT is not running. Start it instead." },
  "force-stop": { from: ["RUNNING", "STARTING", "STOPPING", "ERROR"], refuse: "The CT is not running." },
  suspend: { from: ["RUNNING"], refuse: "Only a running CT can be suspended." },
  resume: { from: ["SUSPENDED"], refuse: "The CT is not suspended." },
};

const TASK: Record<CtAction, { kind: TaskKind; input?: { fast?: boolean } }> = {
  start: { kind: "start" },
  stop: { kind: "stop" },
  restart: { kind: "restart" },
  "force-stop": { kind: "stop", input: { fast: true } },
  suspend: { kind: "suspend" },
  resume: { kind: "resume" },
};

export async function requestCtAction(actor: Actor, ctId: string, action: CtAction, opts: { idempotencyKey?: string } = {}) {
  assertRole(actor, ["admin", "owner", "member"], "CT");
  return audited(actor, { action: `ct.${action}`, ctId }, async (tx, ev) => {
    const ct = await getCtOrThrow(actor, ctId, tx);
    ev.tenantId = ct.tenantId;
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: ct.tenantId }, select: { status: true } });
    if (tenant.status === "SUSPENDED" && (action === "start" || action === "restart" || action === "resume"))
      throw new AppError("forbidden", "This account is suspended, so its CTs cannot be started. Contact your provider.");
    if (!ALLOWED[action].from.includes(ct.state)) throw new AppError("conflict", ALLOWED[action].refuse, { detail: `state is ${ct.state.toLowerCase()}` });
    await assertNoConflict(ct.id, tx);
    const task = await enqueueTask(
      {
        kind: TASK[action].kind,
        ctId: ct.id,
        nodeId: ct.nodeId,
        tenantId: ct.tenantId,
        actorId: actor.kind === "system" ? null : actor.userId,
        idempotencyKey: opts.idempotencyKey,
        input: TASK[action].input ?? {},
      },
      tx,
    );
    return taskView(task);
  });
}
