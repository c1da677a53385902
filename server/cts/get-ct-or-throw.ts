// One CT by id, if the caller may see it; otherwise the same not_found as a
// CT that does not exist.
import type { Actor } from "@/server/access/actor";
import { notFound } from "@/server/access/not-found";
import { tenantScope } from "@/server/access/tenant-scope";
import { db } from "@/server/db/client";
import type { Prisma } from "@/server/generated/prisma/client";

export async function getCtOrThrow(actor: Actor, id: string, tx: Prisma.TransactionClient = db()) {
  const ct = await tx.ct.findFirst({
    where: { id, ...tenantScope(actor) },
    include: { ipAddresses: true, node: { select: { name: true } }, plan: { select: { name: true } }, tenant: { select: { name: true } } },
  });
  if (!ct) throw notFound("CT");
  return ct;
}
