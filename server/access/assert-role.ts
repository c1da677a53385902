// Role gate for data-access functions. A caller without the role gets the
// not_found of the thing it asked for (see not-found.ts), never a forbidden
// that would confirm the object exists.
import type { Actor, Role } from "@/server/access/actor";
import { notFound } from "@/server/access/not-found";

export function assertRole(actor: Actor, roles: Role[], what: string): void {
  if (actor.kind === "system") return;
  if (!roles.includes(actor.role)) throw notFound(what);
}
