"use client";
// The charts of one CT. 15 minutes is live: the socket's recent samples, then
// one more every second. Longer ranges come from the history API and refresh
// once a minute. Switching range keeps the page and the socket.
import { useEffect, useMemo, useState } from "react";
import { LiveChart } from "@/components/charts/live-chart";
import { METRIC_KEYS } from "@/server/metrics/metric-fields";
import { useCtMetrics } from "../../use-ct-metrics";
import { CHART_SPECS, formatMetric } from "./chart-specs";

const RANGES = [
  { id: "15m", label: "15 min" },
  { id: "1h", label: "1 hour" },
  { id: "24h", label: "24 hours" },
  { id: "7d", label: "7 days" },
  { id: "30d", label: "30 days" },
  { id: "1y", label: "1 year" },
] as const;
type RangeId = (typeof RANGES)[number]["id"];
const LIVE_WINDOW = 15 * 60_000;

type History = { range: string; t: number[]; series: Record<string, { avg: (number | null)[] }>; from: number; to: number };
type ApiError = { error: { message: string } };

export function ChartsView({ ctId, running }: { ctId: string; running: boolean }) {
  const [range, setRange] = useState<RangeId>("15m");
  const live = useCtMetrics([ctId]);
  const [history, setHistory] = useState<History | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);

  useEffect(() => {
    if (range === "15m") return;
    let cancelled = false;
    const load = async () => {
      const res = await fetch(`/api/v1/cts/${ctId}/metrics?range=${range}`, { cache: "no-store" }).catch(() => null);
      if (cancelled) return;
      if (!res) return setHistoryError("The panel could not be reached.");
      const body = (await res.json()) as History | ApiError;
      if ("error" in body) return setHistoryError(body.error.message);
      setHistoryError(null);
      setHistory(body);
    };
    void load();
    const timer = setInterval(load, 60_000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [ctId, range]);

  const samples = live.samples.get(ctId);
  // One column per metric; recomputed when a sample arrives or the range changes.
  const columns = useMemo(() => {
    if (range === "15m") {
      const t = samples?.t.slice() ?? [];
      const cols: Record<string, (number | null)[]> = {};
      METRIC_KEYS.forEach((k, i) => (cols[k] = samples?.v.map((v) => v[i] ?? null) ?? []));
      return { t, cols, windowMs: LIVE_WINDOW as number | undefined };
    }
    const cols: Record<string, (number | null)[]> = {};
    for (const k of METRIC_KEYS) cols[k] = history?.series[k]?.avg ?? [];
    return { t: history?.t ?? [], cols, windowMs: undefined };
    // live.version changes with every sample; the buffers themselves are mutated in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [range, history, live.version, samples]);

  return (
    <section aria-label="Charts" data-status={live.status} data-history={history?.range ?? ""}>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <div role="group" aria-label="Range" className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
          {RANGES.map((r) => (
            <button
              key={r.id}
              type="button"
              aria-pressed={range === r.id}
              onClick={() => setRange(r.id)}
              className={`px-3 py-1.5 text-sm ${range === r.id ? "bg-sky-700 text-white" : "bg-white hover:bg-slate-50 dark:bg-slate-900 dark:hover:bg-slate-800"}`}
            >
              {r.label}
            </button>
          ))}
        </div>
        <span className="text-xs text-slate-500" data-testid="metrics-status">
          {range === "15m" ? (live.status === "connected" ? "Live, every second" : live.status === "refused" ? live.error : "Connecting…") : "Stored history (one point per step, averaged)"}
        </span>
      </div>
      {!running && <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">The CT is not running: no live data. Pick a longer range to see its history.</p>}
      {historyError && range !== "15m" && (
        <p role="alert" data-testid="history-error" className="mb-4 text-sm text-red-700">
          {historyError}
        </p>
      )}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        {CHART_SPECS.map((spec) => (
          <LiveChart
            key={spec.id}
            testId={`chart-${spec.id}`}
            title={spec.title}
            series={spec.lines.map((l) => ({ label: l.label, color: l.color, dash: l.dash, fill: l.fill }))}
            data={[columns.t, ...spec.lines.map((l) => columns.cols[l.key] ?? [])]}
            formatValue={(v) => formatMetric(spec.unit, v)}
            yRange={spec.unit === "percent" ? [0, 100] : undefined}
            windowMs={columns.windowMs}
          />
        ))}
      </div>
    </section>
  );
}
