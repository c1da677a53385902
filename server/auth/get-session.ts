// The caller's session for server components and actions. Pages get a plain
// object, never a row (STYLE.md §7).
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "@/server/auth/auth";

export type SessionUser = { id: string; email: string; name: string; role: string };

export async function getSessionUser(): Promise<SessionUser | null> {
  // Read the request first: it marks the page dynamic before any database access.
  const requestHeaders = await headers();
  const session = await getAuth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const u = session.user as typeof session.user & { role?: string };
  return { id: u.id, email: u.email, name: u.name, role: u.role ?? "member" };
}

export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}
