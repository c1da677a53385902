// Hostname and nameservers: the desired config changes in the database and a
// `set` task carries it to the node, in one audited transaction.
import { z } from "zod";
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { audited } from "@/server/audit/audited";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { AppError } from "@/server/errors/app-error";
import { assertNoConflict } from "@/server/tasks/assert-no-conflict";
import { enqueueTask } from "@/server/tasks/enqueue-task";
import { taskView } from "@/server/tasks/task-view";

// RFC 1123: dot-separated labels of letters, digits and inner hyphens.
const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, "use at most 253 characters")
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, "use letters, digits, hyphens and dots (like web-1.example.com)");

export const ChangeCtSettingsInput = z
  .object({
    hostname: hostname.optional(),
    nameservers: z.array(z.ipv4("enter IPv4 addresses like 192.0.2.53")).max(3, "use at most 3 nameservers").optional(),
  })
  .strict();

export async function changeCtSettings(actor: Actor, ctId: string, raw: unknown) {
  assertRole(actor, ["admin", "owner", "member"], "CT");
  const input = ChangeCtSettingsInput.parse(raw);
  return audited(actor, { action: "ct.settings", ctId, changes: input }, async (tx, ev) => {
    const ct = await getCtOrThrow(actor, ctId, tx);
    ev.tenantId = ct.tenantId;
    if (["CREATING", "DESTROYING", "MIGRATING", "MISSING"].includes(ct.state))
      throw new AppError("conflict", `The CT is ${ct.state.toLowerCase()}; change its settings when that has finished.`);
    await assertNoConflict(ct.id, tx);
    const changed = {
      ...(input.hostname !== undefined && input.hostname !== ct.hostname ? { hostname: input.hostname } : {}),
      ...(input.nameservers !== undefined ? { nameservers: input.nameservers } : {}),
    };
    if (Object.keys(changed).length === 0) throw new AppError("bad_request", "Nothing changed: edit a value first.");
    await tx.ct.update({ where: { id: ct.id }, data: changed });
    const task = await enqueueTask(
      { kind: "set", ctId: ct.id, nodeId: ct.nodeId, tenantId: ct.tenantId, actorId: actor.kind === "system" ? null : actor.userId, input: changed },
      tx,
    );
    return taskView(task);
  });
}
