// What the node really has, in one `list -a -j` per call: the rows carry the
// run-time facts `status -j` has (init PID, start time, reboot counter,
// frozen), so the 3 s watch costs one corralctl exec however many CTs run.
import { z } from "zod";
import { CtRow } from "@/server/agent/agent-messages";
import { runCorralctl, type CorralctlOptions } from "@/server/agent/run-corralctl";

const RunFacts = z.object({
  suspended: z.boolean().optional(),
  init_pid: z.number().int().positive().nullable().optional(),
  started: z.number().int().nonnegative().nullable().optional(),
  reboots: z.number().int().nonnegative().nullable().optional(),
});

export type NodeCt = CtRow & { reboots?: number; started?: number };

export async function listNodeCts(opts: CorralctlOptions, onlyCtid?: number): Promise<NodeCt[]> {
  const rows = await runCorralctl<unknown[]>(["list", "-a"], opts);
  const out: NodeCt[] = [];
  for (const raw of rows ?? []) {
    if (typeof raw !== "object" || raw === null) continue;
    // The facts are null for a stopped CT; CtRow takes the init PID only when there is one.
    const parsed = CtRow.safeParse({ ...raw, init_pid: undefined });
    const facts = RunFacts.safeParse(raw);
    if (!parsed.success || !facts.success || (onlyCtid !== undefined && parsed.data.ctid !== onlyCtid)) continue;
    const row: NodeCt = parsed.data;
    if (row.status === "running") {
      if (facts.data.init_pid) row.init_pid = facts.data.init_pid;
      if (facts.data.reboots != null) row.reboots = facts.data.reboots;
      if (facts.data.started != null) row.started = facts.data.started;
      if (facts.data.suspended) row.status = "suspended";
    }
    out.push(row);
  }
  return out;
}
