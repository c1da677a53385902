"use client";
// The bar above the CT table while CTs are selected: how many, Start/Stop
// selected (each behind a confirmation naming the CTs), and the batch's progress.
import { Play, Square } from "lucide-react";
import { ActionDialog } from "@/components/ui/action-dialog";
import { useState } from "react";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { BulkAction } from "./use-bulk-ct-action";

const NAMES_SHOWN = 8;

export function BulkToolbar({
  selected,
  busy,
  done,
  total,
  onRun,
  onClear,
}: {
  selected: { id: string; hostname: string; ctid: number }[];
  busy: boolean;
  done: number;
  total: number;
  onRun: (action: BulkAction) => void;
  onClear: () => void;
}) {
  const [confirm, setConfirm] = useState<BulkAction | null>(null);
  const n = selected.length;
  const what = `${n} ${n === 1 ? "CT" : "CTs"}`;
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm dark:border-slate-800 dark:bg-slate-950" role="toolbar" aria-label="Selected CTs">
      <span data-testid="bulk-selected" className="font-medium">
        {n} selected
      </span>
      <button type="button" disabled={busy || n === 0} onClick={() => setConfirm("start")} className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-2.5 py-1 hover:bg-white disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800">
        <Play aria-hidden className="size-3.5" /> Start selected
      </button>
      <button type="button" disabled={busy || n === 0} onClick={() => setConfirm("stop")} className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-2.5 py-1 hover:bg-white disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800">
        <Square aria-hidden className="size-3.5" /> Stop selected
      </button>
      <button type="button" disabled={busy} onClick={onClear} className="rounded-md px-2 py-1 text-slate-600 hover:underline disabled:opacity-50 dark:text-slate-400">
        Clear selection
      </button>
      {total > 0 && (
        <div className="ml-auto flex min-w-48 items-center gap-2" data-testid="bulk-progress" data-done={done} data-total={total}>
          <div className="w-32">
            <ProgressBar value={(done / total) * 100} tone={done === total ? "green" : "sky"} label="Batch progress" />
          </div>
          <span role="status" className="text-slate-600 tabular-nums dark:text-slate-400">
            {done} of {total} done
          </span>
        </div>
      )}
      <ActionDialog
        open={confirm !== null}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={confirm === "stop" ? `Stop ${what}?` : `Start ${what}?`}
        description={
          <>
            {confirm === "stop" ? "Each CT is shut down cleanly; what runs inside stops." : "Each stopped CT boots."} Each CT becomes its own task; a CT that cannot {confirm} says why in its row.
          </>
        }
        actionLabel={confirm === "stop" ? `Stop ${what}` : `Start ${what}`}
        tone={confirm === "stop" ? "danger" : "primary"}
        onAction={() => confirm && onRun(confirm)}
      >
        <ul className="mt-3 max-h-40 list-disc overflow-y-auto pl-5 text-sm">
          {selected.slice(0, NAMES_SHOWN).map((c) => (
            <li key={c.id}>
              {c.hostname} <span className="text-slate-500">(CT {c.ctid})</span>
            </li>
          ))}
          {n > NAMES_SHOWN && <li>and {n - NAMES_SHOWN} more</li>}
        </ul>
      </ActionDialog>
    </div>
  );
}
