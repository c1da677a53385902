// Posts an event to the tenant's webhook URL, if it has one. Best effort: a
// slow or failing receiver is logged and never delays the panel or retries
// into a storm; the event is on the timeline either way.
import { moduleLogger } from "@/server/logger";

const log = moduleLogger("webhook");
const TIMEOUT_MS = 5000;

export async function sendTenantWebhook(url: string | null | undefined, payload: Record<string, unknown>): Promise<boolean> {
  if (!url) return false;
  try {
    const u = new URL(url);
    if (u.protocol !== "https:" && u.protocol !== "http:") return false;
    const res = await fetch(u, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Corral-Webhook/1" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "manual",
    });
    if (!res.ok) log.warn({ host: u.host, status: res.status }, "tenant webhook answered with an error");
    return res.ok;
  } catch (err) {
    log.warn({ err: (err as Error).message }, "tenant webhook failed");
    return false;
  }
}
