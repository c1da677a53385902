import type { Actor } from "@/server/access/actor";
import { isStaff } from "@/server/access/actor";
import { notFound } from "@/server/access/not-found";
import { db } from "@/server/db/client";
import type { Prisma } from "@/server/generated/prisma/client";

export async function getTenantOrThrow(actor: Actor, id: string, tx: Prisma.TransactionClient = db()) {
  if (!isStaff(actor) && actor.kind !== "system" && actor.tenantId !== id) throw notFound("tenant");
  const t = await tx.tenant.findUnique({ where: { id } });
  if (!t) throw notFound("tenant");
  return t;
}
