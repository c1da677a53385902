"use server";
// The header bell's one write: mark the signed-in customer's notifications read.
import { runAction } from "@/server/http/run-action";
import { markNotificationsRead } from "@/server/notifications/mark-notifications-read";

export async function markNotificationsReadAction(ids?: string[]) {
  return runAction("/notifications", (actor) => markNotificationsRead(actor, { tenantId: actor.kind === "system" ? "" : (actor.tenantId ?? ""), ids }));
}
