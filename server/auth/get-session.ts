// The caller's session for server components and actions. Pages get a plain
// object, never a row (STYLE.md §7).
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "@/server/auth/auth";
import { SESSION_ABSOLUTE_MS } from "@/server/auth/session-limits";

export type SessionUser = { id: string; email: string; name: string; role: string; twoFactorEnabled?: boolean };

export async function getSessionUser(): Promise<SessionUser | null> {
  // Read the request first: it marks the page dynamic before any database access.
  const requestHeaders = await headers();
  const session = await getAuth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  // Disabled users and sessions past their absolute lifetime are logged out.
  const u = session.user as typeof session.user & { role?: string; disabled?: boolean; twoFactorEnabled?: boolean | null };
  if (u.disabled || Date.now() - new Date(session.session.createdAt).getTime() > SESSION_ABSOLUTE_MS) return null;
  return { id: u.id, email: u.email, name: u.name, role: u.role ?? "member", twoFactorEnabled: u.twoFactorEnabled ?? false };
}

export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}
