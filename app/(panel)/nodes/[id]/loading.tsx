export default function Loading() {
  return (
    <div className="mx-auto max-w-6xl space-y-6 p-6" aria-busy="true">
      <div className="h-8 w-56 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-40 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" aria-label="Loading the node" />
      <div className="h-64 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
