// What the agent is asked to run for a task: from the CT's row (its desired
// config) and the task's input. Parsed with the same schema the agent uses,
// so a bad input fails here, in the panel, with a clear reason.
import { TaskSpec } from "@/server/agent/agent-messages";
import type { Ct, IpAddress, Task } from "@/server/generated/prisma/client";
import { AppError } from "@/server/errors/app-error";

type Input = Record<string, unknown>;

export function buildTaskSpec(task: Task, ct: (Ct & { ipAddresses: IpAddress[] }) | null): TaskSpec {
  const input = (task.input && typeof task.input === "object" && !Array.isArray(task.input) ? task.input : {}) as Input;
  const needCt = () => {
    if (!ct) throw new AppError("not_found", "The CT of this task no longer exists.");
    return ct;
  };
  let raw: unknown;
  switch (task.kind) {
    case "create": {
      const c = needCt();
      raw = {
        kind: "create",
        ctid: c.ctid,
        ostemplate: c.ostemplate,
        hostname: c.hostname || undefined,
        ipAddresses: c.ipAddresses.map((a) => a.address),
        nameservers: c.nameservers,
        ramBytes: Number(c.ramBytes) || undefined,
        swapBytes: Number(c.swapBytes) || undefined,
        diskBytes: Number(c.diskBytes) || undefined,
        start: input.start ?? true,
      };
      break;
    }
    case "start":
    case "destroy":
    case "suspend":
    case "resume":
      raw = { kind: task.kind, ctid: needCt().ctid };
      break;
    case "stop":
    case "restart":
      raw = { kind: task.kind, ctid: needCt().ctid, fast: input.fast, timeoutSeconds: input.timeoutSeconds };
      break;
    case "reinstall":
      raw = { kind: "reinstall", ctid: needCt().ctid, ostemplate: input.ostemplate };
      break;
    case "set":
      raw = { kind: "set", ctid: needCt().ctid, hostname: input.hostname, ipAdd: input.ipAdd, ipDel: input.ipDel, nameservers: input.nameservers };
      break;
    case "template-build":
      raw = { kind: "template-build", name: input.name };
      break;
    default:
      throw new AppError("bad_request", `The node agent does not run ${task.kind} tasks.`);
  }
  const parsed = TaskSpec.safeParse(raw);
  if (!parsed.success)
    throw new AppError("bad_request", "The task's input is not valid.", { detail: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
  return parsed.data;
}
