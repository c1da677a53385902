"use client";
// A tiny line for tables: no axes, no legend, no cursor, fixed 0-100 scale
// (percentages). Generic; the caller supplies the points.
import { useEffect, useRef } from "react";
import uPlot from "uplot";

export type SparklineProps = {
  // [x (ms), ...lines], each value a percentage or null.
  data: [number[], ...(number | null)[][]];
  colors: string[];
  labels: string[];
  width?: number;
  height?: number;
  testId?: string;
};

export function Sparkline({ data, colors, labels, width = 120, height = 28, testId }: SparklineProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const layout = `${colors.join()}|${width}|${height}`;

  useEffect(() => {
    if (!box.current) return;
    const u = new uPlot(
      {
        width,
        height,
        ms: 1,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: [0, 100] } },
        axes: [{ show: false }, { show: false }],
        series: [{}, ...colors.map((c) => ({ stroke: c, width: 1, points: { show: false } }))],
        padding: [2, 0, 2, 0],
      },
      [[]],
      box.current,
    );
    plot.current = u;
    return () => {
      u.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data, layout]);

  const last = labels.map((l, i) => {
    const col = data[i + 1] ?? [];
    const v = col[col.length - 1];
    return `${l} ${v === null || v === undefined ? "–" : `${Math.round(v)}%`}`;
  });
  return <div ref={box} role="img" aria-label={last.join(", ")} title={last.join(", ")} data-testid={testId} data-points={data[0].length} />;
}
