// Runs one task on this node: each corralctl step in turn, progress after each,
// then the CT's state as the node sees it, so the panel can follow it exactly.
import type { TaskOutcome, TaskSpec } from "@/server/agent/agent-messages";
import { buildCorralctlArgv } from "@/server/agent/build-corralctl-argv";
import { getNodeCt } from "@/server/agent/get-node-ct";
import { runCorralctl, type CorralctlError, type CorralctlOptions } from "@/server/agent/run-corralctl";
import { AppError } from "@/server/errors/app-error";

export type TaskReporter = (p: { progress?: number; log?: string }) => void;

export async function runAgentTask(taskId: string, spec: TaskSpec, opts: CorralctlOptions, report: TaskReporter): Promise<TaskOutcome> {
  const ctid = "ctid" in spec ? spec.ctid : undefined;
  const finish = async (o: Omit<TaskOutcome, "taskId" | "finishedAt" | "ct">): Promise<TaskOutcome> => ({
    ...o,
    taskId,
    ct: ctid !== undefined ? await getNodeCt(ctid, opts).catch(() => null) : undefined,
    finishedAt: new Date().toISOString(),
  });
  let steps: string[][];
  try {
    steps = buildCorralctlArgv(spec);
  } catch (err) {
    const e = err as AppError;
    return finish({ ok: false, error: { code: e.code ?? "bad_request", message: e.message, detail: e.opts?.detail } });
  }
  let last: unknown = null;
  for (const [i, argv] of steps.entries()) {
    report({ progress: Math.round((i / steps.length) * 90) + 5, log: `corralctl ${argv.join(" ")}` });
    try {
      last = await runCorralctl(argv, { ...opts, onProgress: (line) => report({ log: line }) });
    } catch (err) {
      const e = err as CorralctlError;
      return finish({
        ok: false,
        error: { code: e instanceof AppError ? e.code : "internal", message: e.message, detail: e.opts?.detail },
        result: { exitCode: e.exitCode ?? null, nativeCode: e.nativeCode ?? null },
      });
    }
  }
  report({ progress: 100 });
  return finish({ ok: true, result: last && typeof last === "object" ? (last as Record<string, unknown>) : {} });
}
