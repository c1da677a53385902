// Plans are the provider's price list: every signed-in caller may read them.
import type { Actor } from "@/server/access/actor";
import { isStaff } from "@/server/access/actor";
import { db } from "@/server/db/client";

export async function listPlans(actor: Actor, opts: { includeArchived?: boolean } = {}) {
  const archived = isStaff(actor) && opts.includeArchived ? {} : { archived: false };
  return db().plan.findMany({ where: archived, orderBy: { ramBytes: "asc" } });
}
