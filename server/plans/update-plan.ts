// Edits a plan. Existing CTs keep their config until their plan is re-applied
// (change-ct-plan.ts); archiving hides the plan from new provisioning only.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { audited } from "@/server/audit/audited";
import { AppError } from "@/server/errors/app-error";
import { assertPlanFitsANode } from "@/server/plans/assert-plan-fits-a-node";
import { planData } from "@/server/plans/plan-data";
import type { UpdatePlanInput } from "@/server/plans/plan-input";

export async function updatePlan(actor: Actor, id: string, input: UpdatePlanInput) {
  return audited(actor, { action: input.archived ? "plan.archive" : "plan.update", tenantId: null, changes: { id, ...input } }, async (tx) => {
    // Inside the transaction, so a refusal is audited too.
    assertRole(actor, ["admin"], "plan");
    const plan = await tx.plan.findUnique({ where: { id } });
    if (!plan) throw notFound("plan");
    if (input.name && (await tx.plan.findFirst({ where: { name: input.name, id: { not: id } }, select: { id: true } }))) {
      throw new AppError("conflict", `A plan named \`${input.name}\` already exists.`, { fields: [{ path: "name", message: "already taken" }] });
    }
    const data = planData(input);
    await assertPlanFitsANode(tx, { ramBytes: data.ramBytes ?? plan.ramBytes, diskBytes: data.diskBytes ?? plan.diskBytes, cpus: input.cpus ?? plan.cpus });
    return tx.plan.update({ where: { id }, data });
  });
}
