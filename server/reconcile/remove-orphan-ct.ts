// An admin removes a CT found on a node that nobody adopted: stopped and
// destroyed on its node. Only ever by an explicit admin action.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { audited } from "@/server/audit/audited";
import type { TaskOutcome } from "@/server/agent/agent-messages";
import { AppError } from "@/server/errors/app-error";
import { callAgent } from "@/server/tasks/call-agent";

export async function removeOrphanCt(actor: Actor, orphanId: string): Promise<void> {
  await audited(actor, { action: "ct.remove_orphan", changes: { orphanId } }, async (tx, ev) => {
    assertRole(actor, ["admin"], "orphan CT");
    const o = await tx.orphanCt.findUnique({ where: { id: orphanId } });
    if (!o) throw notFound("orphan CT");
    ev.changes = { orphanId, nodeId: o.nodeId, ctid: o.ctid };
    // The database must still not know it; a CT adopted meanwhile is kept.
    if (await tx.ct.findFirst({ where: { nodeId: o.nodeId, ctid: o.ctid } })) throw new AppError("conflict", `CT ${o.ctid} was adopted meanwhile and is kept.`);
    for (const spec of [{ kind: "stop", ctid: o.ctid, fast: true }, { kind: "destroy", ctid: o.ctid }]) {
      const r = await callAgent<TaskOutcome>(o.nodeId, "migrate", { op: "run", spec }, 120_000);
      if (!r.ok && spec.kind === "destroy") throw new AppError("conflict", r.error?.message ?? "The node could not remove the CT.", { detail: r.error?.detail });
    }
    await tx.orphanCt.delete({ where: { id: o.id } });
  }, { timeout: 150_000 });
}
