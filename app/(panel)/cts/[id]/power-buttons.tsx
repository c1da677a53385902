"use client";
// Power buttons name the state they lead to; the running task shows a progress
// bar fed by the /tasks socket, then the page refreshes to the new state.
import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import { Pause, Play, Power, RotateCw, Square, type LucideIcon } from "lucide-react";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Tooltip } from "@/components/ui/tooltip";
import { runCtAction } from "../actions";
import { useWatchedTasks, type WatchedTask } from "../../use-watched-tasks";

// `leadsTo` is the tooltip: what the CT becomes, so nobody guesses what "Suspend" does.
const BUTTONS: { action: string; label: string; leadsTo: string; icon: LucideIcon; when: string[]; danger?: boolean }[] = [
  { action: "start", label: "Start", leadsTo: "Boots the CT: it becomes running.", icon: Play, when: ["stopped", "error"] },
  { action: "stop", label: "Stop", leadsTo: "Shuts the CT down cleanly: it becomes stopped.", icon: Square, when: ["running"] },
  { action: "restart", label: "Restart", leadsTo: "Stops and boots the CT: it is running again.", icon: RotateCw, when: ["running"] },
  { action: "force-stop", label: "Force stop", leadsTo: "Kills every process at once, no clean shutdown: it becomes stopped.", icon: Power, when: ["running", "starting", "stopping", "error"], danger: true },
  { action: "suspend", label: "Suspend", leadsTo: "Freezes every process in memory: it becomes suspended.", icon: Pause, when: ["running"] },
  { action: "resume", label: "Resume", leadsTo: "Thaws the frozen processes: it is running again.", icon: Play, when: ["suspended"] },
];

export function PowerButtons({ ctId, state }: { ctId: string; state: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [taskId, setTaskId] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  // The /tasks socket is open from mount on: a start takes milliseconds and
  // may finish before the request that queued it returns (use-watched-tasks.ts).
  const onFinished = useCallback(
    (t: WatchedTask) => {
      if (t.status !== "succeeded") setError(t.error ?? "The operation failed. Try again, or contact support.");
      router.refresh();
    },
    [router],
  );
  const { tasks, watch } = useWatchedTasks(onFinished);
  const task = taskId ? (tasks[taskId] ?? null) : null;

  const busy = pending || (task !== null && (task.status === "queued" || task.status === "running"));
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap gap-2">
        {BUTTONS.filter((b) => b.when.includes(state)).map((b) => (
          <Tooltip key={b.action} content={b.leadsTo} side="bottom">
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                startTransition(async () => {
                  setError(undefined);
                  const r = await runCtAction(ctId, b.action);
                  if (r.error) setError(r.error.message);
                  else if (r.task) {
                    setTaskId(r.task.id);
                    watch(r.task as WatchedTask);
                  }
                })
              }
              className={`inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50 ${b.danger ? "border border-red-300 text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950" : "border border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"}`}
            >
              <b.icon aria-hidden className="size-4" />
              {b.label}
            </button>
          </Tooltip>
        ))}
      </div>
      {task && busy && (
        <div className="w-56">
          <ProgressBar value={Math.max(task.progress, 5)} label={`${task.kind} in progress`} />
          <p className="mt-1 text-right text-xs text-slate-600 dark:text-slate-400">{task.kind}…</p>
        </div>
      )}
      {error && (
        <p role="alert" className="max-w-sm text-right text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
