// Resolves a bearer token to an Actor. Provider tokens act as admin; tenant
// tokens act as the tenant's owner. A revoked or expired token, a disabled
// creator, or a deleted tenant all look the same: no actor.
import type { Actor } from "@/server/access/actor";
import { hashApiToken } from "@/server/api-tokens/hash-api-token";
import { db } from "@/server/db/client";

export async function actorFromApiToken(token: string, meta: { ip?: string; userAgent?: string }): Promise<Actor | null> {
  if (!token.startsWith("corral_") || token.length > 200) return null;
  const row = await db().apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, tenantId: true, revokedAt: true, expiresAt: true, lastUsedAt: true, createdBy: { select: { id: true, disabled: true } } },
  });
  if (!row || row.revokedAt || row.createdBy.disabled) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return null;
  // Write lastUsedAt at most once a minute: a busy billing script would otherwise update the row on every call.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { kind: "api_token", tokenId: row.id, userId: row.createdBy.id, role: row.tenantId ? "owner" : "admin", tenantId: row.tenantId, ...meta };
}
