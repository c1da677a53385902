"use client";
// The beancounter table, refreshed every few seconds and at once when the
// CT's metrics socket reports a limit hit. Rows near their limit are
// highlighted (vzubc -q's rule, decided by the server); a failcnt that went up
// since this browser last looked is flagged until "Mark as seen". The last
// look is kept in localStorage per CT: it is this viewer's look, not the
// tenant's.
import { useCallback, useEffect, useRef, useState } from "react";
import { useCtMetrics, type LimitEvent } from "../../use-ct-metrics";

type Row = {
  name: string;
  held: number;
  maxheld: number;
  barrier: number | null;
  limit: number | null;
  failcnt: number;
  near: boolean;
  enforced: boolean;
  sentence: string;
  unit: "bytes" | "count";
  scale: number;
  note?: string;
};
type Data = { running: boolean; at: string; rows: Row[]; events: LimitEvent[] };

const REFRESH_MS = 2000;
const lookKey = (ctId: string) => `corral:beancounters-look:${ctId}`;

function readLook(ctId: string): Record<string, number> | null {
  try {
    const v = localStorage.getItem(lookKey(ctId));
    return v ? (JSON.parse(v) as Record<string, number>) : null;
  } catch {
    return null;
  }
}

function amount(n: number | null, r: Row): string {
  if (n === null) return "unlimited";
  if (r.unit === "count") return n.toLocaleString("en-US");
  const b = n * r.scale;
  for (const [s, p] of [[2 ** 40, "TiB"], [2 ** 30, "GiB"], [2 ** 20, "MiB"], [2 ** 10, "KiB"]] as const) if (b >= s) return `${+(b / s).toFixed(1)} ${p}`;
  return `${b} B`;
}

export function BeancounterTable({ ctId }: { ctId: string }) {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [look, setLook] = useState<Record<string, number> | null>(null);
  const latest = useRef<Data | null>(null);

  const load = useCallback(async () => {
    const res = await fetch(`/api/v1/cts/${ctId}/beancounters`, { cache: "no-store" }).catch(() => null);
    if (!res) return setError("The panel could not be reached.");
    const body = (await res.json()) as Data | { error: { message: string } };
    if ("error" in body) return setError(body.error.message);
    setError(null);
    latest.current = body;
    setData(body);
    // The first visit's look is what is there now: nothing to flag yet.
    setLook((l) => {
      if (l) return l;
      const saved = readLook(ctId);
      if (saved) return saved;
      const now = Object.fromEntries(body.rows.map((r) => [r.name, r.failcnt]));
      localStorage.setItem(lookKey(ctId), JSON.stringify(now));
      return now;
    });
  }, [ctId]);

  useEffect(() => {
    const first = setTimeout(load, 0);
    const t = setInterval(load, REFRESH_MS);
    return () => {
      clearTimeout(first);
      clearInterval(t);
    };
  }, [load]);

  // A limit hit pushed by the socket refreshes at once instead of within 2 s.
  useCtMetrics([ctId], () => void load());

  const markSeen = () => {
    const now = Object.fromEntries((latest.current?.rows ?? []).map((r) => [r.name, r.failcnt]));
    localStorage.setItem(lookKey(ctId), JSON.stringify(now));
    setLook(now);
  };

  if (error) return <p role="alert" className="text-sm text-red-700">{error}</p>;
  if (!data) return <p className="text-sm text-slate-500">Reading the counters…</p>;
  if (!data.running) return <p className="text-sm text-slate-600 dark:text-slate-400">Beancounters exist only while the CT runs. Start it to see them.</p>;

  const flagged = data.rows.filter((r) => look && r.failcnt > (look[r.name] ?? 0));
  return (
    <section aria-label="Beancounters" data-testid="beancounters" data-at={data.at}>
      <div className="mb-3 flex items-center justify-between gap-4">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Highlighted rows are near their limit (in use at half of it, or a peak at 80%).{" "}
          {flagged.length > 0 && <strong className="text-red-700 dark:text-red-400">{flagged.length} counter(s) failed since you last looked.</strong>}
        </p>
        <button type="button" onClick={markSeen} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">
          Mark as seen
        </button>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900">
            <tr>
              {["Resource", "Held", "Max held", "Barrier", "Limit", "Failcnt"].map((h) => (
                <th key={h} scope="col" className="px-3 py-2">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => {
              const increased = look ? r.failcnt - (look[r.name] ?? 0) : 0;
              return (
                <tr
                  key={r.name}
                  data-testid={`ubc-${r.name}`}
                  data-near={r.near ? "true" : "false"}
                  data-failcnt-increased={increased > 0 ? "true" : "false"}
                  className={`border-t border-slate-200 align-top dark:border-slate-800 ${r.near ? "border-l-4 border-l-amber-500 bg-amber-50 dark:bg-amber-950/40" : ""}`}
                >
                  <td className="px-3 py-2">
                    <div className="font-mono">{r.name}</div>
                    <p className="mt-1 max-w-xl text-slate-700 dark:text-slate-300" data-testid={`ubc-${r.name}-sentence`}>
                      {r.sentence}
                    </p>
                    {r.note && <p className="mt-1 text-xs text-slate-500">{r.note}</p>}
                    {!r.enforced && <p className="mt-1 text-xs text-slate-500">Counted only: no per-CT limit on this kernel.</p>}
                  </td>
                  <td className="px-3 py-2 tabular-nums" title={String(r.held)}>{amount(r.held, r)}</td>
                  <td className="px-3 py-2 tabular-nums" title={String(r.maxheld)}>{amount(r.maxheld, r)}</td>
                  <td className="px-3 py-2 tabular-nums">{amount(r.barrier, r)}</td>
                  <td className="px-3 py-2 tabular-nums">{amount(r.limit, r)}</td>
                  <td className="px-3 py-2 tabular-nums">
                    {r.failcnt}
                    {increased > 0 && (
                      <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800 dark:bg-red-900 dark:text-red-100" title="Increased since you last looked">
                        +{increased}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h2 className="mt-6 text-lg font-semibold">Limit hits in the last hour</h2>
      {data.events.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">None.</p>
      ) : (
        <ol className="mt-2 space-y-1 text-sm" data-testid="ubc-events">
          {data.events.map((e) => (
            <li key={e.id}>
              <time className="mr-2 text-slate-500" dateTime={e.at}>
                {new Date(e.at).toLocaleTimeString()}
              </time>
              {e.message}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
