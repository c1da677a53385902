// A task the agent accepted but whose agent process died before it finished:
// its corralctl may or may not have completed. Decide from the CT's real state
// whether it did what was asked, and say so in the outcome.
import type { TaskOutcome, TaskSpec } from "@/server/agent/agent-messages";
import type { NodeCt } from "@/server/agent/list-node-cts";

export function judgeLostTask(taskId: string, spec: TaskSpec, ct: NodeCt | null): TaskOutcome {
  let done: boolean;
  switch (spec.kind) {
    case "create":
      done = ct !== null && (!spec.start || ct.status === "running");
      break;
    case "start":
    case "restart":
    case "resume":
      done = ct?.status === "running";
      break;
    case "stop":
      done = ct !== null && ct.status !== "running" && ct.status !== "suspended";
      break;
    case "suspend":
      done = ct?.status === "suspended";
      break;
    case "destroy":
      done = ct === null;
      break;
    default:
      // set, reinstall, template builds leave no state that proves they finished.
      done = false;
  }
  const base = { taskId, ct, finishedAt: new Date().toISOString() };
  return done
    ? { ...base, ok: true, result: { resolvedAfterAgentRestart: true } }
    : { ...base, ok: false, error: { code: "unavailable", message: "The node agent restarted while this task ran, and the CT is not in the state the task asked for. Run it again." } };
}
