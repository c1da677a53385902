import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { audited } from "@/server/audit/audited";
import { AppError } from "@/server/errors/app-error";
import { assertPlanFitsANode } from "@/server/plans/assert-plan-fits-a-node";
import { planData } from "@/server/plans/plan-data";
import type { CreatePlanInput } from "@/server/plans/plan-input";

export async function createPlan(actor: Actor, input: CreatePlanInput) {
  return audited(actor, { action: "plan.create", tenantId: null, changes: input }, async (tx) => {
    // Inside the transaction, so a refusal is audited too.
    assertRole(actor, ["admin"], "plan");
    if (await tx.plan.findUnique({ where: { name: input.name }, select: { id: true } })) {
      throw new AppError("conflict", `A plan named \`${input.name}\` already exists.`, { fields: [{ path: "name", message: "already taken" }] });
    }
    const data = planData(input);
    await assertPlanFitsANode(tx, { ramBytes: data.ramBytes!, diskBytes: data.diskBytes!, cpus: input.cpus });
    return tx.plan.create({ data: { ...data, ramBytes: data.ramBytes!, swapBytes: data.swapBytes!, diskBytes: data.diskBytes!, diskInodes: data.diskInodes! } });
  });
}
