"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "", label: "Overview" },
  { href: "/charts", label: "Charts" },
  { href: "/beancounters", label: "Beancounters" },
  { href: "/console", label: "Console" },
  { href: "/shell", label: "Shell" },
  { href: "/settings", label: "Settings" },
  { href: "/activity", label: "Activity" },
];

export function CtTabs({ ctId }: { ctId: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="CT sections" className="mt-6 flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800">
      {TABS.map((t) => {
        const href = `/cts/${ctId}${t.href}`;
        const active = pathname === href;
        return (
          <Link
            key={t.href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`border-b-2 px-3 py-2 text-sm ${active ? "border-sky-600 font-medium text-sky-700 dark:text-sky-400" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"}`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
