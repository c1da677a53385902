// Who is acting: the one value every data-access function takes first, so
// tenant scoping cannot be forgotten. Built from a session, an API token, the
// node agent, or the system itself (reconciliation, retention jobs).
export type Role = "admin" | "support" | "owner" | "member";

export type Actor =
  | { kind: "user"; userId: string; email: string; role: Role; tenantId: string | null; sessionId?: string; ip?: string; userAgent?: string }
  | { kind: "api_token"; tokenId: string; userId: string; role: Role; tenantId: string | null; ip?: string; userAgent?: string }
  | { kind: "system"; reason: string };

export const isStaff = (a: Actor) => a.kind === "system" || a.role === "admin" || a.role === "support";
export const isAdmin = (a: Actor) => a.kind === "system" || a.role === "admin";
