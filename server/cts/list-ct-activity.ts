// A CT's recent tasks and audit events, for its Activity tab. Reading the CT
// first applies the tenant wall; members see tasks but not the audit slice
// (the trail is for owners and staff, as in listAuditEvents).
import type { Actor } from "@/server/access/actor";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { db } from "@/server/db/client";
import { taskView } from "@/server/tasks/task-view";

export async function listCtActivity(actor: Actor, ctId: string, limit = 50) {
  const ct = await getCtOrThrow(actor, ctId);
  const seesAudit = actor.kind === "system" || actor.role !== "member";
  const [tasks, events] = await Promise.all([
    db().task.findMany({ where: { ctId: ct.id }, orderBy: { createdAt: "desc" }, take: limit }),
    seesAudit ? db().auditEvent.findMany({ where: { ctId: ct.id }, orderBy: { id: "desc" }, take: limit }) : Promise.resolve([]),
  ]);
  return {
    tasks: tasks.map(taskView),
    events: events.map((e) => ({ id: e.id.toString(), at: e.at.toISOString(), actor: e.actorEmail ?? e.actorKind, action: e.action, result: e.result, detail: e.detail })),
  };
}
