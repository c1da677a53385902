// The panel's navigation, one entry per page with the roles that see it. Add
// entries here; the layout renders whatever the signed-in role may see.
import type { Role } from "@/server/access/actor";

export type NavItem = { href: string; label: string; roles: Role[] };

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Dashboard", roles: ["admin", "support", "owner", "member"] },
  { href: "/cts", label: "Containers", roles: ["admin", "support", "owner", "member"] },
  { href: "/tenants", label: "Tenants", roles: ["admin", "support"] },
  { href: "/users", label: "Users", roles: ["admin", "support"] },
  { href: "/plans", label: "Plans", roles: ["admin", "support"] },
  { href: "/ip-pools", label: "IP pools", roles: ["admin", "support"] },
  { href: "/nodes", label: "Nodes", roles: ["admin", "support"] },
  { href: "/templates", label: "Templates", roles: ["admin"] },
  { href: "/tasks", label: "Tasks", roles: ["admin", "support", "owner", "member"] },
  { href: "/members", label: "Members", roles: ["owner", "member"] },
  { href: "/api-tokens", label: "API tokens", roles: ["admin", "owner"] },
  { href: "/audit", label: "Audit log", roles: ["admin", "support", "owner"] },
  { href: "/notifications", label: "Notifications", roles: ["admin", "support", "owner", "member"] },
  { href: "/security", label: "Security", roles: ["admin", "support", "owner", "member"] },
];
