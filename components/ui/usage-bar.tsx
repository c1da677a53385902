"use client";
// Used-versus-allowed as a bar (Radix Progress); no limit shows the figure alone.
import { Progress } from "radix-ui";
import { formatBytes } from "@/components/ui/format-bytes";

export function UsageBar({ label, used, allowed, bytes = false }: { label: string; used: number; allowed: number | null; bytes?: boolean }) {
  const fmt = bytes ? formatBytes : String;
  const pct = allowed ? Math.min(100, Math.round((used / allowed) * 100)) : 0;
  const tone = pct >= 100 ? "bg-red-600" : pct >= 80 ? "bg-amber-500" : "bg-sky-700";
  return (
    <div data-testid={`usage-${label}`}>
      <div className="flex justify-between text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-slate-600 dark:text-slate-400">{allowed === null ? `${fmt(used)} used, no limit` : `${fmt(used)} of ${fmt(allowed)}`}</span>
      </div>
      <Progress.Root value={allowed === null ? null : pct} aria-label={`${label} used`} className="mt-1 h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800">
        <Progress.Indicator className={`h-full ${tone} transition-transform`} style={{ transform: `translateX(-${100 - (allowed === null ? 0 : pct)}%)` }} />
      </Progress.Root>
    </div>
  );
}
