// Creates an API token and returns the secret once; only its hash is stored.
// Owners make tokens for their tenant; admins for any tenant or the provider.
import crypto from "node:crypto";
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import type { CreateApiTokenInput } from "@/server/api-tokens/api-token-input";
import { hashApiToken } from "@/server/api-tokens/hash-api-token";
import { audited } from "@/server/audit/audited";

export async function createApiToken(actor: Actor, input: CreateApiTokenInput) {
  const tenantId = actor.kind === "system" || actor.role === "admin" ? (input.tenantId ?? null) : actor.tenantId;
  return audited(actor, { action: "api_token.create", tenantId, changes: { name: input.name, tenantId, expiresInDays: input.expiresInDays } }, async (tx, ev) => {
    // Inside the transaction, so a refusal is audited too.
    assertRole(actor, ["admin", "owner"], "tenant");
    if (actor.kind === "system") throw notFound("user");
    if (actor.role !== "admin" && input.tenantId && input.tenantId !== actor.tenantId) throw notFound("tenant");
    if (tenantId && !(await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }))) throw notFound("tenant");
    const token = `corral_${crypto.randomBytes(32).toString("base64url")}`;
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        tokenHash: hashApiToken(token),
        prefix: token.slice(0, 14),
        tenantId,
        createdById: actor.userId,
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
      },
      select: { id: true, name: true, prefix: true, tenantId: true, expiresAt: true, createdAt: true },
    });
    ev.changes = { ...ev.changes, id: row.id, prefix: row.prefix };
    return { ...row, token };
  });
}
