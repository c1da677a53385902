"use client";
// Runs one power action on many CTs: each CT is its own request through
// runCtAction (request-ct-action.ts), so it becomes its own task, and a
// refusal (wrong state, a task already running on it) is that row's result,
// never the batch's. Tasks are followed on the /tasks socket.
import { useCallback, useEffect, useState } from "react";
import { isFinished, useWatchedTasks, type WatchedTask } from "../use-watched-tasks";
import { runCtAction } from "./actions";

export type BulkAction = "start" | "stop";
export type RowResult = { kind: "sending" } | { kind: "refused"; message: string } | { kind: "task"; taskId: string };

export function useBulkCtAction(onAllDone: () => void) {
  const [results, setResults] = useState<Record<string, RowResult>>({});
  const [running, setRunning] = useState(false);
  const { tasks, watch } = useWatchedTasks();

  const run = useCallback(
    async (action: BulkAction, ctIds: string[]) => {
      setRunning(true);
      setResults(Object.fromEntries(ctIds.map((id) => [id, { kind: "sending" } as RowResult])));
      // Server actions from one page run one at a time anyway; each is a quick enqueue.
      for (const id of ctIds) {
        let r: RowResult;
        try {
          const res = await runCtAction(id, action);
          if (res.error || !res.task) r = { kind: "refused", message: res.error?.message ?? "The panel did not queue this CT." };
          else {
            watch(res.task as WatchedTask);
            r = { kind: "task", taskId: res.task.id };
          }
        } catch {
          r = { kind: "refused", message: "The panel could not be reached. Check your connection and try again." };
        }
        setResults((prev) => ({ ...prev, [id]: r }));
      }
      setRunning(false);
    },
    [watch],
  );

  const rows = Object.entries(results);
  const done = rows.filter(([, r]) => r.kind === "refused" || (r.kind === "task" && tasks[r.taskId] && isFinished(tasks[r.taskId]!))).length;
  const total = rows.length;
  const finished = total > 0 && !running && done === total;
  // The page re-reads the CTs' states once every row has its answer.
  useEffect(() => {
    if (finished) onAllDone();
  }, [finished, onAllDone]);

  return { run, results, tasks, done, total, busy: total > 0 && !finished, clear: () => setResults({}) };
}
