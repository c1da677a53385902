// Root password reset, with the CT running or stopped. The password goes to the
// node's agent in one acknowledged call and on to corralctl's stdin: it is never
// stored (not in the task row, the audit trail, the agent's journal or a log).
// A task row still records that it happened, and serializes it with other
// operations on the CT.
import { z } from "zod";
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { audited } from "@/server/audit/audited";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { assertNoConflict } from "@/server/tasks/assert-no-conflict";
import { callAgent } from "@/server/tasks/call-agent";
import { failTask } from "@/server/tasks/fail-task";
import { publishTask } from "@/server/tasks/publish-task";

export const ResetRootPasswordInput = z.strictObject({
  password: z
    .string()
    .min(10, "use at least 10 characters")
    .max(256, "use at most 256 characters")
    .regex(/^[^\r\n]*$/, "use a single line"),
});

export async function resetRootPassword(actor: Actor, ctId: string, raw: unknown) {
  assertRole(actor, ["admin", "owner"], "CT");
  const { password } = ResetRootPasswordInput.parse(raw);
  const { task, ct } = await audited(actor, { action: "ct.password", ctId }, async (tx, ev) => {
    const ct = await getCtOrThrow(actor, ctId, tx);
    ev.tenantId = ct.tenantId;
    if (["CREATING", "DESTROYING", "MIGRATING", "MISSING"].includes(ct.state))
      throw new AppError("conflict", `The CT is ${ct.state.toLowerCase()}; reset the password when that has finished.`);
    await assertNoConflict(ct.id, tx);
    // RUNNING from the start: the task runner only takes QUEUED tasks.
    const task = await tx.task.create({
      data: {
        kind: "set",
        status: "RUNNING",
        ctId: ct.id,
        nodeId: ct.nodeId,
        tenantId: ct.tenantId,
        actorId: actor.kind === "system" ? null : actor.userId,
        input: { rootPassword: "(not stored)" },
        startedAt: new Date(),
        log: ["reset the root password"],
      },
    });
    return { task, ct };
  });
  try {
    await callAgent(ct.nodeId, "ct:set-password", { ctid: ct.ctid, user: "root", password }, 60_000);
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError("internal", "The node could not set the password.");
    await failTask(task.id, e.message, e.opts.detail);
    throw e;
  }
  const done = await db().task.update({ where: { id: task.id }, data: { status: "SUCCEEDED", progress: 100, finishedAt: new Date(), log: { push: ["done"] } } });
  publishTask(done);
  return { taskId: done.id };
}
