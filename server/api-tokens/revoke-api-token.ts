import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { tenantScope } from "@/server/access/tenant-scope";
import { audited } from "@/server/audit/audited";

export async function revokeApiToken(actor: Actor, id: string) {
  return audited(actor, { action: "api_token.revoke", changes: { id } }, async (tx, ev) => {
    // Inside the transaction, so a refusal is audited too.
    assertRole(actor, ["admin", "owner"], "API token");
    const row = await tx.apiToken.findFirst({ where: { id, ...tenantScope(actor) }, select: { id: true, tenantId: true, revokedAt: true } });
    if (!row) throw notFound("API token");
    ev.tenantId = row.tenantId;
    if (row.revokedAt) return { id, revokedAt: row.revokedAt };
    return tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: { id: true, revokedAt: true } });
  });
}
