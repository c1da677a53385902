// Audits logins and logouts from better-auth's hooks. A failed login is
// recorded with the email as typed (no actor id: the account may not exist).
import { clientIp } from "@/server/access/client-ip";
import { db } from "@/server/db/client";

export async function recordLoginAudit(ev: { action: "auth.login" | "auth.logout"; result: "success" | "failure"; email?: string; userId?: string; headers?: Headers; detail?: string }) {
  const user = ev.userId ? await db().user.findUnique({ where: { id: ev.userId }, select: { email: true, tenantId: true } }) : null;
  await db().auditEvent.create({
    data: {
      actorId: ev.userId ?? null,
      actorEmail: (user?.email ?? ev.email)?.slice(0, 254) ?? null,
      actorKind: "user",
      tenantId: user?.tenantId ?? null,
      action: ev.action,
      result: ev.result,
      sourceIp: ev.headers ? (clientIp(ev.headers) ?? null) : null,
      userAgent: ev.headers?.get("user-agent")?.slice(0, 500) ?? null,
      detail: ev.detail ?? null,
    },
  });
}
