"use client";
// Maintenance on or off for this node, through the Nodes page's action; the
// page re-reads the node afterwards (that action revalidates /nodes only).
import { Wrench } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionError } from "@/components/ui/action-error";
import { setMaintenanceAction } from "../actions";

export function MaintenanceToggle({ id, maintenance }: { id: string; maintenance: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ code: string; message: string; detail?: string }>();
  return (
    <div className="flex flex-col items-end">
      <button
        type="button"
        aria-pressed={maintenance}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(undefined);
            const form = new FormData();
            form.set("id", id);
            if (!maintenance) form.set("maintenance", "on");
            const r = await setMaintenanceAction(null, form);
            if (!r.ok) setError(r.error);
            router.refresh();
          })
        }
        className="inline-flex items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        <Wrench aria-hidden className="size-4" />
        {pending ? "Saving…" : maintenance ? "End maintenance" : "Start maintenance"}
      </button>
      <ActionError error={error} />
    </div>
  );
}
