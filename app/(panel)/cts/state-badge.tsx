const TONE: Record<string, string> = {
  running: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200",
  stopped: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  suspended: "bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-200",
  error: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200",
  missing: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200",
};

export function StateBadge({ state }: { state: string }) {
  return (
    <span data-testid="ct-state" className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${TONE[state] ?? "bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-200"}`}>
      {state}
    </span>
  );
}
