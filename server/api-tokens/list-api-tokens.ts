import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { tenantScope } from "@/server/access/tenant-scope";
import { db } from "@/server/db/client";

export async function listApiTokens(actor: Actor) {
  assertRole(actor, ["admin", "support", "owner"], "tenant");
  return db().apiToken.findMany({
    where: tenantScope(actor),
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      tenantId: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
      createdAt: true,
      tenant: { select: { name: true } },
      createdBy: { select: { email: true } },
    },
  });
}
