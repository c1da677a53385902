// A thin progress bar; `value` is a percent. Knows nothing of what progresses.
export function ProgressBar({ value, tone = "sky", label }: { value: number; tone?: "sky" | "green" | "red"; label?: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(value)));
  const color = { sky: "bg-sky-600", green: "bg-green-600", red: "bg-red-600" }[tone];
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800">
      <div className={`h-full ${color} transition-[width]`} style={{ width: `${pct}%` }} />
    </div>
  );
}
