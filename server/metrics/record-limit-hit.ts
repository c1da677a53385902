// A limit hit reported by the agent becomes an event on the CT's timeline, a
// notification for the tenant, a live "status" message to the CT's viewers
// and, if the tenant set one, a webhook call.
import type { LimitHit } from "@/server/agent/metrics-messages";
import { db } from "@/server/db/client";
import { describeLimitHit } from "@/server/metrics/describe-limit-hit";
import { sendTenantWebhook } from "@/server/metrics/send-tenant-webhook";
import { ctMetricsRoom } from "@/server/realtime/metrics-rooms";
import { socketIo } from "@/server/realtime/socket-io-instance";

export type HitCt = { id: string; tenantId: string; hostname: string };

export async function recordLimitHit(ct: HitCt, hit: LimitHit, at = new Date()) {
  const message = describeLimitHit(hit, ct.hostname);
  const kind = hit.resource === "oom_kill" ? "oom_kill" : "failcnt";
  const resource = hit.resource === "oom_kill" ? "physpages" : hit.resource;
  const process = hit.processes.length ? [...new Set(hit.processes)].join(", ").slice(0, 200) : null;
  const [event] = await db().$transaction([
    db().ctEvent.create({ data: { ctId: ct.id, tenantId: ct.tenantId, at, kind, resource, count: hit.count, process, message } }),
    db().notification.create({ data: { tenantId: ct.tenantId, ctId: ct.id, at, kind: "ct.limit_hit", message } }),
  ]);
  const view = { id: String(event.id), at: at.toISOString(), kind, resource, count: hit.count, process, message };
  socketIo()?.of("/metrics").to(ctMetricsRoom(ct.id)).emit("status", { ctId: ct.id, event: view });
  const tenant = await db().tenant.findUnique({ where: { id: ct.tenantId }, select: { webhookUrl: true } });
  if (tenant?.webhookUrl) void sendTenantWebhook(tenant.webhookUrl, { type: "ct.limit_hit", ctId: ct.id, hostname: ct.hostname, ...view });
  return view;
}
