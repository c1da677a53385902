// Builds the Actor for a request from its headers: an `Authorization: Bearer`
// API token first, else the session cookie. Route handlers, server actions and
// sockets all come through here, so the disabled and timeout rules hold everywhere.
import type { Actor, Role } from "@/server/access/actor";
import { clientIp } from "@/server/access/client-ip";
import { actorFromApiToken } from "@/server/api-tokens/actor-from-api-token";
import { getAuth } from "@/server/auth/auth";
import { SESSION_ABSOLUTE_MS } from "@/server/auth/session-limits";
import { db } from "@/server/db/client";

export async function actorFromHeaders(headers: Headers): Promise<Actor | null> {
  const ip = clientIp(headers);
  const userAgent = headers.get("user-agent") ?? undefined;
  const authz = headers.get("authorization");
  if (authz?.toLowerCase().startsWith("bearer ")) return actorFromApiToken(authz.slice(7).trim(), { ip, userAgent });

  if (!headers.get("cookie")) return null;
  const session = await getAuth()
    .api.getSession({ headers })
    .catch(() => null);
  if (!session) return null;
  // better-auth slides expiresAt while a session is used (the idle timeout);
  // the absolute lifetime counts from the login and is enforced here.
  if (Date.now() - new Date(session.session.createdAt).getTime() > SESSION_ABSOLUTE_MS) {
    await db().session.deleteMany({ where: { id: session.session.id } });
    return null;
  }
  const user = await db().user.findUnique({ where: { id: session.user.id }, select: { email: true, role: true, tenantId: true, disabled: true } });
  if (!user || user.disabled) return null;
  return { kind: "user", userId: session.user.id, email: user.email, role: user.role as Role, tenantId: user.tenantId, sessionId: session.session.id, ip, userAgent };
}
