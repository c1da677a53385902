// Suspends a tenant (non-payment) or lifts it. Suspension queues a suspend task
// for each of its CTs and blocks new ones; unsuspending queues the resumes.
// A CT with an operation in flight is skipped (one active task per CT); the
// task runner's reconciliation brings it in line with the tenant's status.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { audited } from "@/server/audit/audited";
import { enqueueTask } from "@/server/tasks/enqueue-task";

export async function setTenantStatus(actor: Actor, id: string, status: "ACTIVE" | "SUSPENDED") {
  const action = status === "SUSPENDED" ? "tenant.suspend" : "tenant.unsuspend";
  return audited(actor, { action, tenantId: id, changes: { status } }, async (tx) => {
    // Inside the transaction, so a refusal is audited too.
    assertRole(actor, ["admin"], "tenant");
    const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM tenant WHERE id = ${id} FOR UPDATE`;
    if (locked.length === 0) throw notFound("tenant");
    const tenant = await tx.tenant.update({ where: { id }, data: { status } });
    if (locked[0]!.status !== status.toLowerCase()) {
      const cts = await tx.ct.findMany({ where: { tenantId: id, state: { notIn: ["DESTROYING", "CREATING"] }, tasks: { none: { status: { in: ["QUEUED", "RUNNING"] } } } }, select: { id: true, nodeId: true } });
      const actorId = actor.kind === "system" ? null : actor.userId;
      for (const ct of cts) await enqueueTask({ kind: status === "SUSPENDED" ? "suspend" : "resume", ctId: ct.id, nodeId: ct.nodeId, tenantId: id, actorId }, tx);
    }
    return tenant;
  });
}
