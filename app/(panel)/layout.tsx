// The panel shell: every page below needs a session.
import Link from "next/link";
import { requireSessionUser } from "@/server/auth/get-session";
import { LogoutButton } from "./logout-button";
import { NAV_ITEMS } from "./nav-items";
import { NotificationBell } from "./notification-bell";
import type { Role } from "@/server/access/actor";

export default async function PanelLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSessionUser();
  return (
    <div className="min-h-screen">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-6 py-3 dark:border-slate-800 dark:bg-slate-900">
        <Link href="/" className="text-lg font-semibold">
          Corral
        </Link>
        <div className="flex items-center gap-4 text-sm">
          <NotificationBell canMarkRead={user.role === "owner" || user.role === "member"} />
          <span data-testid="current-user">
            {user.name} <span className="text-slate-500">({user.role})</span>
          </span>
          <LogoutButton />
        </div>
      </header>
      <nav aria-label="Main" className="flex flex-wrap gap-1 border-b border-slate-200 bg-white px-4 py-1 text-sm dark:border-slate-800 dark:bg-slate-900">
        {NAV_ITEMS.filter((i) => i.roles.includes(user.role as Role)).map((i) => (
          <Link key={i.href} href={i.href} className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">
            {i.label}
          </Link>
        ))}
      </nav>
      {(user.role === "admin" || user.role === "support") && !user.twoFactorEnabled && (
        <p role="note" className="border-b border-amber-300 bg-amber-50 px-6 py-2 text-sm text-amber-900">
          Staff accounts can see every tenant. <Link href="/security" className="font-medium underline">Set up two-factor authentication</Link> for yours.
        </p>
      )}
      {children}
    </div>
  );
}
