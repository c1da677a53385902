"use client";
// A thin progress bar; `value` is a percent. Knows nothing of what progresses.
// Radix Progress gives the progressbar role, its value range and the
// value text screen readers announce.
import { Progress } from "radix-ui";

export function ProgressBar({ value, tone = "sky", label }: { value: number; tone?: "sky" | "green" | "red"; label?: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(value)));
  const color = { sky: "bg-sky-600", green: "bg-green-600", red: "bg-red-600" }[tone];
  return (
    <Progress.Root value={pct} max={100} aria-label={label} className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800">
      <Progress.Indicator className={`h-full ${color} transition-[width]`} style={{ width: `${pct}%` }} />
    </Progress.Root>
  );
}
