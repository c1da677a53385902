"use client";
// Build busybox or debian-12 on a node: queued as a task, its progress and
// last log line followed live on the /tasks socket; the list refreshes when
// it is done.
import { Hammer } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import { ActionError } from "@/components/ui/action-error";
import { ProgressBar } from "@/components/ui/progress-bar";
import { isFinished, useWatchedTasks, type WatchedTask } from "../use-watched-tasks";
import { buildTemplateAction } from "./actions";

type ErrorLike = { code: string; message: string; detail?: string };

const TEMPLATES = [
  { name: "busybox", note: "about 1 MiB, builds in a second" },
  { name: "debian-12", note: "about 60 MiB, debootstrap takes a minute or two" },
];

const selectCls = "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

export function BuildTemplateForm({ nodes }: { nodes: { id: string; name: string; templates: string[] }[] }) {
  const router = useRouter();
  const [nodeId, setNodeId] = useState(nodes[0]?.id ?? "");
  const [name, setName] = useState("busybox");
  const [taskId, setTaskId] = useState<string>();
  const [error, setError] = useState<ErrorLike>();
  const [pending, startTransition] = useTransition();
  const onFinished = useCallback((t: WatchedTask) => {
    if (t.status !== "succeeded") setError({ code: "internal", message: t.error ?? "The build failed. Check the task's log on the Tasks page." });
    router.refresh();
  }, [router]);
  const { tasks, watch } = useWatchedTasks(onFinished);
  const task = taskId ? tasks[taskId] : undefined;
  const busy = pending || (task !== undefined && !isFinished(task));
  const exists = nodes.find((n) => n.id === nodeId)?.templates.includes(name);

  return (
    <section aria-labelledby="build-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="build-heading" className="flex items-center gap-2 text-lg font-medium">
        <Hammer aria-hidden className="size-5" /> Build a template
      </h2>
      <form
        aria-label="Build a template"
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          startTransition(async () => {
            setError(undefined);
            setTaskId(undefined);
            const r = await buildTemplateAction(nodeId, name);
            if (!r.ok) return setError(r.error);
            const t = r.data as WatchedTask;
            watch(t);
            setTaskId(t.id);
          });
        }}
      >
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Node</span>
          <select value={nodeId} onChange={(e) => setNodeId(e.target.value)} className={selectCls} disabled={busy}>
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="text-sm" disabled={busy}>
          <legend className="mb-1 font-medium">Template</legend>
          {TEMPLATES.map((t) => (
            <label key={t.name} className="flex items-baseline gap-2 py-0.5">
              <input type="radio" name="template" value={t.name} checked={name === t.name} onChange={() => setName(t.name)} />
              <span className="font-mono">{t.name}</span>
              <span className="text-slate-600 dark:text-slate-400">{t.note}</span>
            </label>
          ))}
        </fieldset>
        {exists && <p className="text-sm text-slate-600 dark:text-slate-400">This node has {name} already; building it again replaces it.</p>}
        <button type="submit" disabled={busy || !nodeId} className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60">
          {busy ? "Building…" : `Build ${name}`}
        </button>
      </form>
      {task && (
        <div className="space-y-1" data-testid="build-progress" data-status={task.status}>
          <ProgressBar value={task.status === "succeeded" ? 100 : Math.max(task.progress, 2)} tone={task.status === "failed" ? "red" : task.status === "succeeded" ? "green" : "sky"} label={`Building ${name}`} />
          <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
            {task.status === "succeeded" ? `Template ${name} is built.` : task.status === "failed" ? "The build failed." : task.status === "queued" ? "Waiting for the node…" : (task.line ?? "Building…")}
          </p>
        </div>
      )}
      <ActionError error={error} />
    </section>
  );
}
