"use client";
// The header bell: unread count, and a popover with the newest notifications
// (GET /api/v1/notifications, the same list as the Notifications page).
// Customers mark them read; staff see every tenant's but leave the read state
// to the tenant.
import { Bell } from "lucide-react";
import Link from "next/link";
import { Popover } from "radix-ui";
import { useCallback, useEffect, useState, useTransition } from "react";
import { markNotificationsReadAction } from "./notification-actions";

type Item = { id: string; ctId: string | null; at: string; message: string; read: boolean };
type Load = { kind: "loading" } | { kind: "error"; message: string } | { kind: "ready"; items: Item[] };

const SHOWN = 8;
const REFRESH_MS = 60_000;

function ago(iso: string) {
  const s = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

export function NotificationBell({ canMarkRead }: { canMarkRead: boolean }) {
  const [load, setLoad] = useState<Load>({ kind: "loading" });
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  const refresh = useCallback(async () => {
    try {
      const res = await fetch("/api/v1/notifications", { cache: "no-store" });
      const body = (await res.json()) as Item[] | { error?: { message: string } };
      if (!res.ok || !Array.isArray(body)) throw new Error(Array.isArray(body) ? `HTTP ${res.status}` : (body.error?.message ?? `HTTP ${res.status}`));
      setLoad({ kind: "ready", items: body });
    } catch (err) {
      setLoad({ kind: "error", message: err instanceof Error ? err.message : "unknown error" });
    }
  }, []);

  useEffect(() => {
    const first = setTimeout(() => void refresh(), 0);
    const t = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      clearTimeout(first);
      clearInterval(t);
    };
  }, [refresh]);

  const items = load.kind === "ready" ? load.items : [];
  const unread = items.filter((n) => !n.read).length;
  const markRead = (ids?: string[]) =>
    startTransition(async () => {
      setError(undefined);
      const r = await markNotificationsReadAction(ids);
      if (!r.ok) setError(r.error.message);
      await refresh();
    });

  return (
    <Popover.Root
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void refresh();
      }}
    >
      <Popover.Trigger
        className="relative rounded-md p-1.5 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-slate-800"
        aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
        data-testid="notification-bell"
      >
        <Bell aria-hidden className="size-5" />
        {unread > 0 && (
          <span data-testid="notification-count" className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={6}
          collisionPadding={8}
          aria-label="Recent notifications"
          className="z-50 w-[min(24rem,calc(100vw-1rem))] rounded-lg border border-slate-200 bg-white p-2 text-sm text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        >
          <div className="flex items-center justify-between gap-2 px-2 py-1">
            <h2 className="font-semibold">Notifications</h2>
            {canMarkRead && unread > 0 && (
              <button type="button" disabled={pending} onClick={() => markRead()} className="rounded px-2 py-0.5 text-sky-700 underline disabled:opacity-60 dark:text-sky-400">
                Mark all read
              </button>
            )}
          </div>
          {load.kind === "loading" && <p className="px-2 py-3 text-slate-500 dark:text-slate-400">Loading…</p>}
          {load.kind === "error" && (
            <p role="alert" className="px-2 py-3 text-red-700 dark:text-red-300">
              Notifications could not be loaded ({load.message}).{" "}
              <button type="button" className="underline" onClick={() => void refresh()}>
                Try again
              </button>
            </p>
          )}
          {load.kind === "ready" && items.length === 0 && <p className="px-2 py-3 text-slate-500 dark:text-slate-400">Nothing yet. When a CT hits one of its limits, it shows up here.</p>}
          {items.length > 0 && (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto dark:divide-slate-800" data-testid="notification-list">
              {items.slice(0, SHOWN).map((n) => (
                <li key={n.id} className={`flex gap-2 px-2 py-2 ${n.read ? "text-slate-600 dark:text-slate-400" : ""}`} data-read={n.read}>
                  <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${n.read ? "" : "bg-sky-600"}`} />
                  <div className="min-w-0 flex-1">
                    <p className="break-words">
                      {!n.read && <span className="sr-only">Unread: </span>}
                      {n.message}
                    </p>
                    <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-500 dark:text-slate-400">
                      <time dateTime={n.at} title={new Date(n.at).toUTCString()}>
                        {ago(n.at)}
                      </time>
                      {n.ctId && (
                        <Link href={`/cts/${n.ctId}/beancounters`} onClick={() => setOpen(false)} className="text-sky-700 underline dark:text-sky-400">
                          Beancounters
                        </Link>
                      )}
                      {canMarkRead && !n.read && (
                        <button type="button" disabled={pending} onClick={() => markRead([n.id])} className="text-sky-700 underline disabled:opacity-60 dark:text-sky-400">
                          Mark read
                        </button>
                      )}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
          {error && (
            <p role="alert" className="px-2 py-1 text-red-700 dark:text-red-300">
              {error}
            </p>
          )}
          <div className="border-t border-slate-100 px-2 pt-2 dark:border-slate-800">
            <Link href="/notifications" onClick={() => setOpen(false)} className="text-sky-700 underline dark:text-sky-400">
              All notifications
            </Link>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
