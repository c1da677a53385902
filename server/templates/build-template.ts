// Builds one of corralctl's own templates (busybox, debian-12) on a node, as
// a task: the agent runs `corralctl template build NAME` and reports progress
// on the /tasks socket. Admins only; audited.
import { z } from "zod";
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { audited } from "@/server/audit/audited";
import { AppError } from "@/server/errors/app-error";
import { enqueueTask } from "@/server/tasks/enqueue-task";
import { taskView } from "@/server/tasks/task-view";
import { BUILDABLE_TEMPLATES } from "@/server/templates/template-name";

export const BuildTemplateInput = z.strictObject({
  nodeId: z.string().min(1).max(64),
  name: z.enum(BUILDABLE_TEMPLATES),
});

export async function buildTemplate(actor: Actor, raw: z.input<typeof BuildTemplateInput>) {
  assertRole(actor, ["admin"], "node");
  const input = BuildTemplateInput.parse(raw);
  return audited(actor, { action: "template.build", tenantId: null, changes: { nodeId: input.nodeId, name: input.name } }, async (tx) => {
    const node = await tx.node.findUnique({ where: { id: input.nodeId }, select: { id: true } });
    if (!node) throw notFound("node");
    // corralctl would refuse a second build of one name with "locked"; say it before queueing.
    const running = await tx.task.findFirst({
      where: { nodeId: node.id, kind: "template-build", status: { in: ["QUEUED", "RUNNING"] }, input: { path: ["name"], equals: input.name } },
      select: { id: true },
    });
    if (running) throw new AppError("conflict", `Template ${input.name} is already being built on this node. Wait for that build to finish.`, { detail: `task ${running.id}` });
    const task = await enqueueTask({ kind: "template-build", nodeId: node.id, tenantId: null, actorId: actor.kind === "system" ? null : actor.userId, input: { name: input.name } }, tx);
    return taskView(task);
  });
}
