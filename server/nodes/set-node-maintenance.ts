// A node in maintenance takes no new CTs (placement skips it); its CTs keep running.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { audited } from "@/server/audit/audited";

export async function setNodeMaintenance(actor: Actor, nodeId: string, maintenance: boolean) {
  await audited(actor, { action: "node.maintenance", changes: { nodeId, maintenance } }, async (tx) => {
    assertRole(actor, ["admin"], "node");
    const n = await tx.node.updateMany({ where: { id: nodeId }, data: { maintenance } });
    if (n.count === 0) throw notFound("node");
  });
}
