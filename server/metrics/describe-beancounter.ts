// One plain sentence per beancounter row for the customer, plus vzubc's
// "near the limit" rule: held at 50% or maxheld at 80% of the limit (its
// quiet mode shows only such rows). Pure: the numbers come in, text goes out.
import { formatAmount } from "@/server/metrics/format-amount";
import { listProcesses } from "@/server/metrics/describe-limit-hit";

// Units of the rows `corralctl ubc` gives (native/src/lib/ubc.c): pages for
// the *pages rows, 1 KiB blocks for diskspace, bytes or items for the rest.
const PAGE = 4096;
const UNITS: Record<string, { scale: number; unit: "bytes" | "count"; what: string }> = {
  kmemsize: { scale: 1, unit: "bytes", what: "kernel memory" },
  lockedpages: { scale: PAGE, unit: "bytes", what: "locked memory" },
  privvmpages: { scale: PAGE, unit: "bytes", what: "allocated memory" },
  shmpages: { scale: PAGE, unit: "bytes", what: "shared memory" },
  numproc: { scale: 1, unit: "count", what: "processes" },
  physpages: { scale: PAGE, unit: "bytes", what: "RAM" },
  numtcpsock: { scale: 1, unit: "count", what: "TCP sockets" },
  numflock: { scale: 1, unit: "count", what: "file locks" },
  numpty: { scale: 1, unit: "count", what: "terminals" },
  numsiginfo: { scale: 1, unit: "count", what: "pending signals" },
  numothersock: { scale: 1, unit: "count", what: "other sockets" },
  dcachesize: { scale: 1, unit: "bytes", what: "filesystem cache" },
  numfile: { scale: 1, unit: "count", what: "open files" },
  numiptent: { scale: 1, unit: "count", what: "firewall rules" },
  swappages: { scale: PAGE, unit: "bytes", what: "swap" },
  diskspace: { scale: 1024, unit: "bytes", what: "disk space" },
  diskinodes: { scale: 1, unit: "count", what: "files (inodes)" },
};

// Rows a mainline kernel can enforce per CT (openvz-model Appendix B): the
// memory and pids controllers, devpts max=, the CT's own disk image. The
// rest are counted for information only.
export const ENFORCEABLE = new Set(["physpages", "swappages", "numproc", "numpty", "diskspace", "diskinodes"]);

// LONG_MAX and v1's page-rounded "no limit" both read as unlimited.
export const isUnlimited = (n: number) => n >= 2 ** 62;

export type BeancounterInput = { name: string; held: number; maxheld: number; barrier: number; limit: number; failcnt: number };
// What the timeline says about this row in the last hour.
export type RecentHits = { failures: number; oomKills: number; processes: string[] };

export function isNearLimit(r: BeancounterInput): boolean {
  if (isUnlimited(r.limit) || r.limit <= 0) return false;
  return r.held >= 0.5 * r.limit || r.maxheld >= 0.8 * r.limit;
}

export function unitOf(name: string) {
  return UNITS[name] ?? { scale: 1, unit: "count" as const, what: name };
}

export function describeBeancounter(r: BeancounterInput, recent: RecentHits): string {
  const u = unitOf(r.name);
  const amt = (n: number) => formatAmount(n * u.scale, u.unit);
  const held = amt(r.held);
  if (r.name === "swappages" && r.limit === 0) return "Your plan has no swap.";
  if (isUnlimited(r.limit) || r.limit <= 0) {
    const inUse = u.unit === "count" ? `${held} ${u.what}` : `${held} of ${u.what} in use`;
    if (ENFORCEABLE.has(r.name)) return `Your CT has ${inUse}; your plan sets no limit for it.`;
    return `Your CT has ${inUse}. A mainline kernel has no per-CT limit for this, so it is shown for information only.`;
  }
  const limit = amt(r.limit);
  const times = (n: number) => (n === 1 ? "once" : `${n} times`);
  const procs = listProcesses(recent.processes);
  const firstProc = recent.processes[0];
  switch (r.name) {
    case "physpages":
    case "swappages": {
      const what = r.name === "physpages" ? "RAM" : "swap";
      if (recent.oomKills > 0) {
        const stopped = procs ? `the kernel stopped ${procs}${recent.processes.length === recent.oomKills && new Set(recent.processes).size === 1 ? " each time" : ""}` : "the kernel stopped a process each time (the kernel log did not name it)";
        const advice = firstProc && new Set(recent.processes).size === 1 ? `Upgrade the plan or tune ${firstProc}'s workers.` : "Upgrade the plan or run fewer or smaller processes.";
        return `Your CT tried to use more than its ${limit} of ${what} ${times(recent.oomKills)} in the last hour; ${stopped}. ${advice}`;
      }
      if (recent.failures > 0) return `Your CT reached its ${limit} of ${what} ${times(recent.failures)} in the last hour; the kernel reclaimed memory to stay under it, which slows the CT. Upgrade the plan if it feels slow.`;
      return `Your CT uses ${held} of its ${limit} of ${what}; the most it used is ${amt(r.maxheld)}.${isNearLimit(r) ? " That is close to the limit." : ""}`;
    }
    case "numproc":
      if (recent.failures > 0) return `Your CT tried to run more than its ${limit} processes ${times(recent.failures)} in the last hour; those starts failed. Upgrade the plan or find what starts so many processes.`;
      return `Your CT runs ${held} of its ${limit} processes; the most at once was ${amt(r.maxheld)}.${isNearLimit(r) ? " That is close to the limit." : ""}`;
    default:
      return `Your CT uses ${held} of its ${limit} of ${u.what}; the most it used is ${amt(r.maxheld)}.${isNearLimit(r) ? " That is close to the limit." : ""}`;
  }
}
