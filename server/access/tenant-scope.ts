// The tenant filter for a read: staff see every tenant, customers only their own.
// Returns a Prisma-style where fragment, so no caller builds the filter by hand.
import { isStaff, type Actor } from "@/server/access/actor";

export function tenantScope(actor: Actor): { tenantId?: string } {
  if (isStaff(actor)) return {};
  // A customer without a tenant sees nothing: match an id no row can have.
  return { tenantId: actor.kind === "system" ? undefined : (actor.tenantId ?? "(no tenant)") };
}
