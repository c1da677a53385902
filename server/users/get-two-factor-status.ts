import type { Actor } from "@/server/access/actor";
import { db } from "@/server/db/client";

/** Whether the caller has TOTP on (their own account only). */
export async function getTwoFactorStatus(actor: Actor): Promise<boolean> {
  if (actor.kind !== "user") return false;
  const u = await db().user.findUnique({ where: { id: actor.userId }, select: { twoFactorEnabled: true } });
  return u?.twoFactorEnabled ?? false;
}
