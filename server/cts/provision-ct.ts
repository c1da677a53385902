// Provisions a CT: quota check, node choice, CTID, addresses, the CT row in
// state CREATING, the create task and the audit event, all in one transaction.
// The tenant row is locked first (SELECT ... FOR UPDATE), so concurrent
// provisions for one tenant queue up and each sees the others' CTs: 20 at once
// against a quota of 5 yield exactly 5.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { audited } from "@/server/audit/audited";
import { ctView } from "@/server/cts/ct-view";
import type { ProvisionCtInput } from "@/server/cts/ct-input";
import { AppError } from "@/server/errors/app-error";
import type { Prisma } from "@/server/generated/prisma/client";
import { pickNode } from "@/server/nodes/pick-node";
import { assertWithinQuota } from "@/server/quotas/assert-within-quota";
import { computeTenantUsage } from "@/server/quotas/compute-tenant-usage";
import { enqueueTask } from "@/server/tasks/enqueue-task";

const FIRST_CTID = 101;

export async function provisionCt(actor: Actor, input: ProvisionCtInput) {
  const isProvider = actor.kind === "system" || actor.role === "admin";
  const tenantId = isProvider ? input.tenantId : actor.tenantId;
  const actorId = actor.kind === "system" ? null : actor.userId;

  if (input.idempotencyKey && actorId) {
    const earlier = await findEarlier(actorId, input.idempotencyKey);
    if (earlier) return earlier;
  }

  return audited(
    actor,
    { action: "ct.provision", tenantId, changes: { ...input, tenantId } },
    async (tx, ev) => {
      // Inside the transaction, so a refusal is audited too.
      assertRole(actor, ["admin", "owner"], "tenant");
      if (!tenantId) throw new AppError("bad_request", "Choose the tenant the CT is for.", { fields: [{ path: "tenantId", message: "required" }] });
      if (!isProvider && input.tenantId && input.tenantId !== tenantId) throw notFound("tenant");
      if (!isProvider && input.nodeId) throw new AppError("bad_request", "Only the provider chooses nodes.", { fields: [{ path: "nodeId", message: "leave empty" }] });
      const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM tenant WHERE id = ${tenantId} FOR UPDATE`;
      if (locked.length === 0) throw notFound("tenant");
      if (locked[0]!.status !== "active") throw new AppError("conflict", "This account is suspended, so no new CTs can be created. Contact billing.");
      const plan = await tx.plan.findUnique({ where: { id: input.planId } });
      if (!plan || plan.archived) throw new AppError("bad_request", "That plan does not exist or is no longer offered.", { fields: [{ path: "planId", message: "unknown plan" }] });

      const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId } });
      const usage = await computeTenantUsage(tx, tenantId);
      assertWithinQuota(tenant, usage, { cts: 1, ramBytes: plan.ramBytes, diskBytes: plan.diskBytes, cpus: plan.cpus, ipv4: plan.ipv4Count, ipv6: plan.ipv6Count });

      const node = await pickNode({ ramBytes: plan.ramBytes, diskBytes: plan.diskBytes }, { nodeId: input.nodeId }, tx);
      // The node lock serializes CTID choice across tenants placed on one node.
      await tx.$queryRaw`SELECT id FROM node WHERE id = ${node.id} FOR UPDATE`;
      const max = await tx.ct.aggregate({ where: { nodeId: node.id }, _max: { ctid: true } });
      const ctid = Math.max(FIRST_CTID, (max._max.ctid ?? FIRST_CTID - 1) + 1);

      const ct = await tx.ct.create({
        data: {
          ctid,
          tenantId,
          nodeId: node.id,
          planId: plan.id,
          hostname: input.hostname,
          ostemplate: input.ostemplate ?? "busybox",
          state: "CREATING",
          ramBytes: plan.ramBytes,
          swapBytes: plan.swapBytes,
          diskBytes: plan.diskBytes,
          diskInodes: plan.diskInodes,
          cpuUnits: plan.cpuUnits,
          cpuLimitPct: plan.cpuLimitPct,
          cpus: plan.cpus,
          numproc: plan.numproc,
          ioprio: plan.ioprio,
          ioLimitBps: plan.ioLimitBps,
          iopsLimit: plan.iopsLimit,
        },
      });
      const addresses = [...(await allocate(tx, ct.id, node.id, 4, plan.ipv4Count)), ...(await allocate(tx, ct.id, node.id, 6, plan.ipv6Count))];
      const task = await enqueueTask(
        { kind: "create", ctId: ct.id, nodeId: node.id, tenantId, actorId, idempotencyKey: input.idempotencyKey, input: { ctid, hostname: ct.hostname, ostemplate: ct.ostemplate, planId: plan.id, addresses } },
        tx,
      );
      ev.ctId = ct.id;
      ev.changes = { ...ev.changes, ctid, nodeId: node.id, addresses };
      return { ct: ctView({ ...ct, ipAddresses: addresses.map((address) => ({ address, reverseDns: null })), node: { name: node.name }, plan }), taskId: task.id };
    },
    // Twenty provisions for one tenant wait on its lock in turn; give them time.
    { maxWait: 30_000, timeout: 30_000 },
  );
}

// SKIP LOCKED lets provisions for different tenants take different free addresses without waiting on each other.
async function allocate(tx: Prisma.TransactionClient, ctId: string, nodeId: string, family: 4 | 6, count: number): Promise<string[]> {
  if (count === 0) return [];
  const rows = await tx.$queryRaw<{ id: string; address: string }[]>`
    SELECT a.id, a.address FROM ip_address a JOIN ip_pool p ON p.id = a.pool_id
    WHERE a.ct_id IS NULL AND p.family = ${family} AND (p.node_id = ${nodeId} OR p.node_id IS NULL)
    ORDER BY p.node_id NULLS LAST, a.id
    LIMIT ${count} FOR UPDATE OF a SKIP LOCKED`;
  if (rows.length < count) {
    throw new AppError("unavailable", `There are not enough free IPv${family} addresses for this plan. Contact support.`, { fields: [{ path: "planId", message: `needs ${count} IPv${family} addresses` }] });
  }
  await tx.ipAddress.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { ctId } });
  return rows.map((r) => r.address);
}

async function findEarlier(actorId: string, key: string) {
  const { db } = await import("@/server/db/client");
  const task = await db().task.findUnique({ where: { actorId_idempotencyKey: { actorId, idempotencyKey: key } }, select: { id: true, ct: { include: { ipAddresses: true, node: true, plan: true } } } });
  if (!task?.ct) return null;
  return { ct: ctView(task.ct), taskId: task.id };
}
