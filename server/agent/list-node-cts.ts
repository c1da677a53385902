// What the node really has: `list -a -j`, plus init PID from `status -j` for
// the running CTs (list has no PID column; the survival checks compare it).
import { CtRow } from "@/server/agent/agent-messages";
import { runCorralctl, type CorralctlOptions } from "@/server/agent/run-corralctl";

type StatusJson = { running: boolean; suspended?: boolean; init_pid?: number; reboots?: number; started?: number; stop_reason?: string | null };

export type NodeCt = CtRow & { reboots?: number; started?: number };

export async function listNodeCts(opts: CorralctlOptions, onlyCtid?: number): Promise<NodeCt[]> {
  const rows = await runCorralctl<unknown[]>(["list", "-a"], opts);
  const out: NodeCt[] = [];
  for (const raw of rows ?? []) {
    const parsed = CtRow.safeParse(raw);
    if (!parsed.success || (onlyCtid !== undefined && parsed.data.ctid !== onlyCtid)) continue;
    const row: NodeCt = parsed.data;
    if (row.status === "running") {
      const st = await runCorralctl<StatusJson>(["status", String(row.ctid)], opts).catch(() => null);
      if (st?.running) {
        row.init_pid = st.init_pid;
        row.reboots = st.reboots;
        row.started = st.started;
        if (st.suspended) row.status = "suspended";
      }
    }
    out.push(row);
  }
  return out;
}
