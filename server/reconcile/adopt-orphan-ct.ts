// An admin adopts a CT found on a node into a tenant: it gets a database row
// with what the node reports, and is managed like any other from then on.
import { z } from "zod";
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { audited } from "@/server/audit/audited";
import { AppError } from "@/server/errors/app-error";

export const AdoptOrphanInput = z.strictObject({ tenantId: z.string().min(1), hostname: z.string().max(253).optional() });

export async function adoptOrphanCt(actor: Actor, orphanId: string, input: z.input<typeof AdoptOrphanInput>) {
  const data = AdoptOrphanInput.parse(input);
  return audited(actor, { action: "ct.adopt", changes: { orphanId } }, async (tx, ev) => {
    assertRole(actor, ["admin"], "orphan CT");
    // Only an admin's attempt belongs in the adopting tenant's trail.
    ev.tenantId = data.tenantId;
    const o = await tx.orphanCt.findUnique({ where: { id: orphanId } });
    if (!o) throw notFound("orphan CT");
    if (!(await tx.tenant.findUnique({ where: { id: data.tenantId } }))) throw notFound("tenant");
    if (await tx.ct.findFirst({ where: { nodeId: o.nodeId, ctid: o.ctid } })) throw new AppError("conflict", `CT ${o.ctid} on this node is already managed.`);
    const ct = await tx.ct.create({
      data: {
        ctid: o.ctid,
        tenantId: data.tenantId,
        nodeId: o.nodeId,
        hostname: data.hostname ?? o.hostname ?? `ct${o.ctid}`,
        ostemplate: o.ostemplate ?? "unknown",
        state: o.status === "running" ? "RUNNING" : "STOPPED",
        ramBytes: 0n,
        swapBytes: 0n,
        diskBytes: 0n,
        diskInodes: 0n,
        onboot: false,
      },
    });
    await tx.orphanCt.delete({ where: { id: o.id } });
    return ct;
  });
}
