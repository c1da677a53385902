// Marks a tenant's notifications read (all of them, or the ids given). The
// read state belongs to the tenant, so only its own owner and members mark
// it: staff reading along must not make a customer miss a limit hit.
import { z } from "zod";
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { db } from "@/server/db/client";

export const MarkNotificationsReadInput = z.strictObject({
  tenantId: z.string().min(1).max(64),
  ids: z.array(z.string().min(1).max(64)).max(200).optional(),
});

export async function markNotificationsRead(actor: Actor, raw: z.input<typeof MarkNotificationsReadInput>): Promise<{ marked: number }> {
  assertRole(actor, ["owner", "member"], "tenant");
  const input = MarkNotificationsReadInput.parse(raw);
  if (actor.kind !== "system" && actor.tenantId !== input.tenantId) throw notFound("tenant");
  const r = await db().notification.updateMany({
    where: { tenantId: input.tenantId, readAt: null, ...(input.ids ? { id: { in: input.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { marked: r.count };
}
