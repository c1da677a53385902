"use client";
// The CT list's table. For those who may act on CTs it adds a checkbox per
// row and a bulk bar (Start/Stop selected); each row then shows how its own
// task went. Sorting and paging stay server-side links (page.tsx).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { CtView } from "@/server/cts/ct-view";
import { ProgressBar } from "@/components/ui/progress-bar";
import { isFinished, type WatchedTask } from "../use-watched-tasks";
import { BulkToolbar } from "./bulk-toolbar";
import { CtSparkline } from "./ct-sparkline";
import { StateBadge } from "./state-badge";
import { useBulkCtAction, type RowResult } from "./use-bulk-ct-action";

export type SortHeader = { key: string; label: string; href: string; sort?: "ascending" | "descending" };

function RowStatus({ r, task }: { r: RowResult | undefined; task: WatchedTask | undefined }) {
  if (!r) return null;
  if (r.kind === "sending") return <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Sending…</p>;
  if (r.kind === "refused")
    return (
      <p className="mt-1 max-w-56 text-xs text-red-700 dark:text-red-300" data-testid="bulk-row-error">
        {r.message}
      </p>
    );
  if (!task || !isFinished(task))
    return (
      <div className="mt-1 w-24" data-testid="bulk-row-progress">
        <ProgressBar value={Math.max(task?.progress ?? 0, 5)} label={`${task?.kind ?? "task"} in progress`} />
      </div>
    );
  return task.status === "succeeded" ? (
    <p className="mt-1 text-xs text-green-700 dark:text-green-400" data-testid="bulk-row-done">
      {task.kind === "stop" ? "Stopped" : "Started"}
    </p>
  ) : (
    <p className="mt-1 max-w-56 text-xs text-red-700 dark:text-red-300" data-testid="bulk-row-error">
      {task.error ?? "The task failed."}
    </p>
  );
}

export function CtsTable({ cts, headers, staff, canAct }: { cts: CtView[]; headers: SortHeader[]; staff: boolean; canAct: boolean }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const refresh = useCallback(() => router.refresh(), [router]);
  const bulk = useBulkCtAction(refresh);
  const allRef = useRef<HTMLInputElement>(null);
  // Only rows on this page count: a selection does not follow a search or another page.
  const all = cts.length > 0 && cts.every((c) => selected.has(c.id));
  const some = !all && cts.some((c) => selected.has(c.id));
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = some;
  }, [some]);
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const chosen = cts.filter((c) => selected.has(c.id));
  const th = "px-4 py-2 font-medium";
  const sortTh = (key: string) => {
    const h = headers.find((x) => x.key === key);
    if (!h) return null;
    return (
      <th className={th} aria-sort={h.sort}>
        <Link href={h.href} className="hover:underline">
          {h.label}
          {h.sort ? (h.sort === "ascending" ? " ↑" : " ↓") : ""}
        </Link>
      </th>
    );
  };

  return (
    <div className="mt-4 overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      {canAct && (chosen.length > 0 || bulk.total > 0) && (
        <BulkToolbar
          selected={chosen.map((c) => ({ id: c.id, hostname: c.hostname, ctid: c.ctid }))}
          busy={bulk.busy}
          done={bulk.done}
          total={bulk.total}
          onRun={(action) => void bulk.run(action, chosen.map((c) => c.id))}
          onClear={() => {
            setSelected(new Set());
            bulk.clear();
          }}
        />
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="cts-table">
          <thead className="border-b border-slate-200 text-slate-500 dark:border-slate-800 dark:text-slate-400">
            <tr>
              {canAct && (
                <th className="w-8 py-2 pl-4">
                  <input
                    ref={allRef}
                    type="checkbox"
                    aria-label="Select every CT on this page"
                    checked={all}
                    disabled={bulk.busy}
                    onChange={(e) => setSelected(e.target.checked ? new Set(cts.map((c) => c.id)) : new Set())}
                    className="size-4"
                  />
                </th>
              )}
              {sortTh("hostname")}
              {sortTh("ctid")}
              {sortTh("state")}
              <th className={th}>CPU / RAM</th>
              <th className={th}>IP</th>
              <th className={th}>Plan</th>
              {staff && <th className={th}>Tenant</th>}
              {staff && <th className={th}>Node</th>}
            </tr>
          </thead>
          <tbody>
            {cts.map((ct) => {
              const r = bulk.results[ct.id];
              return (
                <tr key={ct.id} data-testid={`ct-row-${ct.hostname}`} className={`border-b border-slate-100 last:border-0 dark:border-slate-800 ${selected.has(ct.id) ? "bg-sky-50 dark:bg-sky-950/40" : ""}`}>
                  {canAct && (
                    <td className="py-2 pl-4">
                      <input type="checkbox" aria-label={`Select ${ct.hostname}`} checked={selected.has(ct.id)} disabled={bulk.busy} onChange={(e) => toggle(ct.id, e.target.checked)} className="size-4" />
                    </td>
                  )}
                  <td className="px-4 py-2">
                    <Link href={`/cts/${ct.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                      {ct.hostname}
                    </Link>
                  </td>
                  <td className="px-4 py-2 tabular-nums">{ct.ctid}</td>
                  <td className="px-4 py-2">
                    <StateBadge state={ct.state} />
                    <RowStatus r={r} task={r?.kind === "task" ? bulk.tasks[r.taskId] : undefined} />
                  </td>
                  <td className="px-4 py-2">{ct.state === "running" ? <CtSparkline ctId={ct.id} /> : <span className="text-slate-400">—</span>}</td>
                  <td className="px-4 py-2 font-mono text-xs">{ct.addresses.map((a) => a.address).join(", ") || "—"}</td>
                  <td className="px-4 py-2">{ct.planName ?? "—"}</td>
                  {staff && <td className="px-4 py-2">{ct.tenantName}</td>}
                  {staff && <td className="px-4 py-2">{ct.nodeName}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
