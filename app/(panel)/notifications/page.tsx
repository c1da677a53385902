// The tenant's notifications: limit hits and OOM kills of its CTs, newest
// first, each linking to the CT's beancounters. Staff see every tenant's.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/access/require-page-actor";
import { listNotifications } from "@/server/metrics/list-notifications";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const actor = await requirePageActor();
  const items = await listNotifications(actor);
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-6">
      <PageHeader title="Notifications" />
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing yet. When a CT hits one of its limits, it shows up here.</p>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="notifications">
          {items.map((n) => (
            <li key={n.id} className="flex flex-wrap items-baseline gap-x-3 px-4 py-3 text-sm">
              <time className="text-slate-500" dateTime={n.at}>
                {new Date(n.at).toUTCString()}
              </time>
              <span className="flex-1">{n.message}</span>
              {n.ctId && (
                <Link href={`/cts/${n.ctId}/beancounters`} className="text-sky-700 hover:underline dark:text-sky-400">
                  Beancounters
                </Link>
              )}
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
