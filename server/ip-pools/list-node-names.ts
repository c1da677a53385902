// Node ids and names for pickers (pools per node); nothing else about nodes.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { db } from "@/server/db/client";

export async function listNodeNames(actor: Actor) {
  assertRole(actor, ["admin", "support"], "node");
  return db().node.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
