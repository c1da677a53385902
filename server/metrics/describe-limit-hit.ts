// The sentence a customer reads on the CT's timeline and in notifications
// when a limit was hit: what was refused and what the kernel did about it.
import type { LimitHit } from "@/server/agent/metrics-messages";
import { formatAmount } from "@/server/metrics/format-amount";

const times = (n: number) => (n === 1 ? "once" : `${n} times`);

export function listProcesses(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  const parts = [...counts].map(([n, c]) => (c > 1 && counts.size > 1 ? `${n} (${c}×)` : n));
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

export function describeLimitHit(hit: Pick<LimitHit, "resource" | "count" | "limit" | "processes">, hostname: string): string {
  const lim = (unit: "bytes" | "count") => (hit.limit === null ? "" : ` ${formatAmount(hit.limit, unit)}`);
  switch (hit.resource) {
    case "oom_kill": {
      const who = hit.processes.length ? listProcesses(hit.processes) : hit.count === 1 ? "a process" : `${hit.count} processes`;
      return `${hostname} ran out of its${lim("bytes")} of RAM; the kernel stopped ${who}.`;
    }
    case "physpages":
      return `${hostname} hit its${lim("bytes")} RAM limit ${times(hit.count)}; the kernel had to reclaim memory.`;
    case "swappages":
      return `${hostname} hit its${lim("bytes")} swap limit ${times(hit.count)}.`;
    case "numproc":
      return `${hostname} tried to run more than its${lim("count")} processes ${times(hit.count)}; those starts failed.`;
  }
}
