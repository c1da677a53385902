// Moves a CT to another plan (billing: upgrade or downgrade). Quotas are checked
// against the difference with the tenant locked, like provisioning.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { audited } from "@/server/audit/audited";
import type { ChangeCtPlanInput } from "@/server/cts/ct-input";
import { ctView } from "@/server/cts/ct-view";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { AppError } from "@/server/errors/app-error";
import { assertWithinQuota } from "@/server/quotas/assert-within-quota";
import { computeTenantUsage } from "@/server/quotas/compute-tenant-usage";
import { enqueueTask } from "@/server/tasks/enqueue-task";

export async function changeCtPlan(actor: Actor, id: string, input: ChangeCtPlanInput) {
  return audited(actor, { action: "ct.change_plan", ctId: id, changes: input }, async (tx, ev) => {
    // Inside the transaction, so a refusal is audited too.
    assertRole(actor, ["admin"], "CT");
    const ct = await getCtOrThrow(actor, id, tx);
    ev.tenantId = ct.tenantId;
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenant WHERE id = ${ct.tenantId} FOR UPDATE`;
    if (locked.length === 0) throw notFound("tenant");
    const plan = await tx.plan.findUnique({ where: { id: input.planId } });
    if (!plan || plan.archived) throw new AppError("bad_request", "That plan does not exist or is no longer offered.", { fields: [{ path: "planId", message: "unknown plan" }] });
    if (ct.state === "DESTROYING") throw notFound("CT");
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: ct.tenantId } });
    const usage = await computeTenantUsage(tx, ct.tenantId);
    const pos = (v: bigint) => (v > 0n ? v : 0n);
    assertWithinQuota(tenant, usage, { cts: 0, ramBytes: pos(plan.ramBytes - ct.ramBytes), diskBytes: pos(plan.diskBytes - ct.diskBytes), cpus: Math.max(0, plan.cpus - ct.cpus), ipv4: 0, ipv6: 0 });
    const updated = await tx.ct.update({
      where: { id },
      data: { planId: plan.id, ramBytes: plan.ramBytes, swapBytes: plan.swapBytes, diskBytes: plan.diskBytes, diskInodes: plan.diskInodes, cpuUnits: plan.cpuUnits, cpuLimitPct: plan.cpuLimitPct, cpus: plan.cpus, numproc: plan.numproc, ioprio: plan.ioprio, ioLimitBps: plan.ioLimitBps, iopsLimit: plan.iopsLimit },
      include: { ipAddresses: true, node: true, plan: true },
    });
    const task = await enqueueTask({ kind: "set", ctId: id, nodeId: ct.nodeId, tenantId: ct.tenantId, actorId: actor.kind === "system" ? null : actor.userId, input: { planId: plan.id } }, tx);
    return { ct: ctView(updated), taskId: task.id };
  });
}
