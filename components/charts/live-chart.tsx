"use client";
// A time-series chart on uPlot (made for this: thousands of points, redrawn
// every second, canvas not SVG). Generic: columns in, lines out; it knows
// nothing of CTs. The uPlot instance is created once per series layout and
// fed with setData, so a new second of data does not rebuild the chart.
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export type ChartSeries = { label: string; color: string; dash?: boolean; fill?: boolean };

export type LiveChartProps = {
  title: string;
  series: ChartSeries[];
  // [x (ms since the epoch), ...one column per series]; null is a gap.
  data: [number[], ...(number | null)[][]];
  formatValue: (v: number) => string;
  yRange?: [number, number];
  height?: number;
  // The visible window in ms; when given the x axis ends at the newest point
  // and spans at most this much.
  windowMs?: number;
  testId?: string;
};

function withAlpha(hex: string, alpha: string) {
  return hex.length === 7 ? `${hex}${alpha}` : hex;
}

export function LiveChart({ title, series, data, formatValue, yRange, height = 180, windowMs, testId }: LiveChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const fmt = useRef(formatValue);
  useEffect(() => {
    fmt.current = formatValue;
  });
  const layout = JSON.stringify({ series, yRange, height });

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height,
      // uPlot's x is in seconds by default; we hand it ms and tell it so.
      ms: 1,
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: yRange ? { range: yRange } : { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
      axes: [
        { stroke: "#64748b", grid: { stroke: "#e2e8f033" } },
        { stroke: "#64748b", grid: { stroke: "#94a3b833" }, size: 70, values: (_u, ticks) => ticks.map((t) => fmt.current(t)) },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 1.5,
          dash: s.dash ? [6, 4] : undefined,
          fill: s.fill ? withAlpha(s.color, "22") : undefined,
          spanGaps: false,
          points: { show: false },
          value: (_u: uPlot, v: number | null) => (v === null || v === undefined ? "–" : fmt.current(v)),
        })),
      ],
    };
    const u = new uPlot(opts, [[]], el);
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: el.clientWidth || 600, height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
    // The layout string stands for series, yRange and height.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout]);

  useEffect(() => {
    const u = plot.current;
    if (!u) return;
    u.setData(data as uPlot.AlignedData, windowMs === undefined);
    if (windowMs !== undefined) {
      const xs = data[0];
      const end = xs.length ? xs[xs.length - 1]! : Date.now();
      // Less data than the window (a CT that just started): show what there
      // is, at least a minute, rather than a few dots at the right edge.
      const start = Math.max(end - windowMs, Math.min(xs[0] ?? end, end - 60_000));
      u.setScale("x", { min: start, max: end });
    }
  }, [data, windowMs, layout]);

  const xs = data[0];
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900" data-testid={testId} data-points={xs.length} data-last-t={xs.length ? xs[xs.length - 1] : ""}>
      <figcaption className="mb-1 text-sm font-medium">{title}</figcaption>
      <div ref={box} className="w-full" />
    </figure>
  );
}
