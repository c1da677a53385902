// The CT's timeline of limit hits and OOM kills, newest first.
import type { Actor } from "@/server/access/actor";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { db } from "@/server/db/client";

export async function listCtEvents(actor: Actor, ctId: string, limit = 100) {
  const ct = await getCtOrThrow(actor, ctId);
  const rows = await db().ctEvent.findMany({ where: { ctId: ct.id }, orderBy: { at: "desc" }, take: limit });
  return rows.map((e) => ({ id: String(e.id), at: e.at.toISOString(), kind: e.kind, resource: e.resource, count: e.count, process: e.process, message: e.message }));
}
