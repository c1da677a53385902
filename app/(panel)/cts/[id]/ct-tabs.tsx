"use client";
// The CT page's sections. Each is its own route (a URL to share, Back works,
// rendered on the server), so this is a navigation landmark of links with
// aria-current, not Radix Tabs: a tablist promises panels switched in place
// with arrow keys, which links to other pages are not. Tab and Enter move
// through it like any links.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

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
  const navRef = useRef<HTMLElement>(null);
  // At phone width the row scrolls sideways: keep the current section in view.
  useEffect(() => {
    navRef.current?.querySelector<HTMLElement>('[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);
  return (
    <nav ref={navRef} aria-label="CT sections" className="mt-6 flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800">
      {TABS.map((t) => {
        const href = `/cts/${ctId}${t.href}`;
        const active = pathname === href || (t.href !== "" && pathname.startsWith(`${href}/`));
        return (
          <Link
            key={t.href}
            href={href}
            aria-current={active ? "page" : undefined}
            // The row clips overflow, so the focus ring is drawn inside the link.
            className={`shrink-0 rounded-t-md border-b-2 px-3 py-2 text-sm focus-visible:-outline-offset-2! ${active ? "border-sky-600 font-medium text-sky-700 dark:text-sky-400" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"}`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
