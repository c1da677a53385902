"use client";
// Recent tasks with live progress: a bar while running, the reason when failed.
import { ProgressBar } from "@/components/ui/progress-bar";
import type { TaskView } from "@/server/tasks/task-view";
import { useTaskEvents } from "./use-task-events";

export function TaskList({ initial }: { initial: TaskView[] }) {
  const { tasks, status } = useTaskEvents(initial);
  return (
    <div data-status={status} data-testid="task-list">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-500 dark:border-slate-800">
          <tr>
            <th className="py-2">Task</th>
            <th>Status</th>
            <th className="w-1/3">Progress</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((t) => (
            <tr key={t.id} data-testid={`task-${t.id}`} data-status={t.status} className="border-b border-slate-100 align-top dark:border-slate-800">
              <td className="py-2">
                {t.kind} <span className="text-xs text-slate-500">{t.id}</span>
              </td>
              <td>
                {t.status}
                {t.error && <div className="text-xs text-red-700">{t.error}</div>}
              </td>
              <td className="pr-4">
                <ProgressBar value={t.progress} label={`${t.kind} progress`} tone={t.status === "failed" ? "red" : t.status === "succeeded" ? "green" : "sky"} />
                {t.log.at(-1) && <div className="mt-1 truncate text-xs text-slate-500">{t.log.at(-1)}</div>}
              </td>
              <td className="text-xs">{new Date(t.createdAt).toUTCString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {tasks.length === 0 && <p className="text-slate-600">No tasks yet.</p>}
    </div>
  );
}
