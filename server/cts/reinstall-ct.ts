// Reinstall: a fresh root from a template, keeping the CT's config, addresses
// and limits (corralctl keeps the old root until the new one is in place).
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { audited } from "@/server/audit/audited";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { AppError } from "@/server/errors/app-error";
import { assertNoConflict } from "@/server/tasks/assert-no-conflict";
import { enqueueTask } from "@/server/tasks/enqueue-task";
import { taskView } from "@/server/tasks/task-view";

export async function reinstallCt(actor: Actor, ctId: string, opts: { ostemplate?: string; confirmHostname: string }) {
  assertRole(actor, ["admin", "owner"], "CT");
  return audited(actor, { action: "ct.reinstall", ctId, changes: { ostemplate: opts.ostemplate } }, async (tx, ev) => {
    const ct = await getCtOrThrow(actor, ctId, tx);
    ev.tenantId = ct.tenantId;
    if (opts.confirmHostname.trim() !== ct.hostname)
      throw new AppError("bad_request", `Type the CT's hostname (${ct.hostname}) to confirm: a reinstall erases its files.`, {
        fields: [{ path: "confirmHostname", message: "does not match the hostname" }],
      });
    if (ct.state !== "STOPPED") throw new AppError("conflict", "Stop the CT before reinstalling it.");
    if (opts.ostemplate !== undefined && !/^[\w.-]{1,64}$/.test(opts.ostemplate))
      throw new AppError("bad_request", "Choose a template from the list.", { fields: [{ path: "ostemplate", message: "unknown template" }] });
    await assertNoConflict(ct.id, tx);
    if (opts.ostemplate) await tx.ct.update({ where: { id: ct.id }, data: { ostemplate: opts.ostemplate } });
    const task = await enqueueTask(
      { kind: "reinstall", ctId: ct.id, nodeId: ct.nodeId, tenantId: ct.tenantId, actorId: actor.kind === "system" ? null : actor.userId, input: opts.ostemplate ? { ostemplate: opts.ostemplate } : {} },
      tx,
    );
    return taskView(task);
  });
}
