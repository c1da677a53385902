"use client";
// CPU and RAM of one CT over the last minutes, for a row of the CT list:
// `<CtSparkline ctId={ct.id} />`. Every sparkline on a page shares one socket.
import { useMemo } from "react";
import { Sparkline } from "@/components/charts/sparkline";
import { METRIC_KEYS } from "@/server/metrics/metric-fields";
import { useCtMetrics } from "./use-ct-metrics";

const CPU = METRIC_KEYS.indexOf("cpuLimit");
const RAM = METRIC_KEYS.indexOf("ram");
const RAM_LIMIT = METRIC_KEYS.indexOf("ramLimit");
// The last 5 minutes are enough to see a trend in a table row.
const SHOWN_MS = 5 * 60_000;

export function CtSparkline({ ctId }: { ctId: string }) {
  const { samples, version } = useCtMetrics([ctId]);
  const s = samples.get(ctId);
  const data = useMemo(() => {
    const t: number[] = [];
    const cpu: (number | null)[] = [];
    const ram: (number | null)[] = [];
    const end = s?.t.at(-1) ?? 0;
    s?.t.forEach((x, i) => {
      if (x < end - SHOWN_MS) return;
      const v = s.v[i]!;
      const lim = v[RAM_LIMIT];
      t.push(x);
      cpu.push(v[CPU] ?? null);
      ram.push(v[RAM] != null && lim ? (v[RAM]! / lim) * 100 : null);
    });
    return [t, cpu, ram] as [number[], (number | null)[], (number | null)[]];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s, version]);
  return <Sparkline data={data} colors={["#0284c7", "#059669"]} labels={["CPU", "RAM"]} testId={`sparkline-${ctId}`} />;
}
