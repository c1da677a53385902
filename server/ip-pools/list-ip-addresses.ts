// A pool's addresses with the CT holding each one (staff only).
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { db } from "@/server/db/client";

export async function listIpAddresses(actor: Actor, poolId: string) {
  assertRole(actor, ["admin", "support"], "IP pool");
  const pool = await db().ipPool.findUnique({ where: { id: poolId } });
  if (!pool) throw notFound("IP pool");
  const addresses = await db().ipAddress.findMany({
    where: { poolId },
    include: { ct: { select: { id: true, ctid: true, hostname: true, tenant: { select: { name: true } } } } },
    take: 5000,
  });
  // Numeric order, not text order (10.0.0.10 after 10.0.0.9).
  const key = (a: string) => a.split(/[.:]/).map((p) => p.padStart(5, "0")).join("");
  addresses.sort((a, b) => (key(a.address) < key(b.address) ? -1 : 1));
  return { pool, addresses };
}
