// The database state of a CT as its node reports it.
import type { CtRow } from "@/server/agent/agent-messages";
import type { CtState } from "@/server/generated/prisma/enums";

export function ctStateFromRow(row: CtRow): { state: CtState; stateReason: string | null } {
  switch (row.status) {
    case "running":
      return { state: "RUNNING", stateReason: null };
    case "suspended":
      return { state: "SUSPENDED", stateReason: null };
    default:
      return { state: "STOPPED", stateReason: row.stop_reason ?? null };
  }
}
