export default function Loading() {
  return (
    <div className="mx-auto max-w-6xl p-6" aria-busy="true">
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="mt-6 h-40 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" aria-label="Loading templates" />
    </div>
  );
}
