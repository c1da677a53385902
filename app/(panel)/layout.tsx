// The panel shell: every page below needs a session.
import Link from "next/link";
import { requireSessionUser } from "@/server/auth/get-session";
import { LogoutButton } from "./logout-button";

export default async function PanelLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSessionUser();
  return (
    <div className="min-h-screen">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-6 py-3 dark:border-slate-800 dark:bg-slate-900">
        <Link href="/" className="text-lg font-semibold">
          Corral
        </Link>
        <div className="flex items-center gap-4 text-sm">
          <span data-testid="current-user">
            {user.name} <span className="text-slate-500">({user.role})</span>
          </span>
          <LogoutButton />
        </div>
      </header>
      {children}
    </div>
  );
}
