// Turns two consecutive `corralctl stats --compact` rows of one CT into the
// values the panel charts (METRIC_FIELDS order) and the failure counters
// that went up in between. Pure, so the arithmetic is tested without a CT.
import type { StatsColumnIndex } from "@/server/agent/index-stats-columns";
import type { LimitHit } from "@/server/agent/metrics-messages";
import type { MetricValues } from "@/server/metrics/metric-fields";

type N = number | null;

// One CT in `corralctl stats -j` (native/src/cmd-stats.c); null = the node cannot say.
export type StatsCt = {
  ctid: number;
  cpu_ns: N;
  memory: { current: N; peak: N; limit: N; failcnt: N; oom_kills: N };
  swap: { current: N; peak: N; limit: N; failcnt: N };
  processes: { current: N; peak: N; limit: N; failcnt: N };
  io: { read_bytes: N; write_bytes: N; read_ops: N; write_ops: N };
  net: { rx_bytes: N; rx_packets: N; tx_bytes: N; tx_packets: N };
  disk: { used: N; total: N; inodes_used: N; inodes_total: N };
};

export type StatsLine = { time_ms: number; cts: StatsCt[] };

// One CT in `corralctl stats --compact`: its counters in the order of the
// columns line (indexStatsColumns says where each is).
export type StatsRow = N[];

// cgroup v1 reports "no limit" as a page-rounded LONG_MAX; anything this big is no limit.
const UNLIMITED = 2 ** 60;
const limit = (v: N) => (v === null || v >= UNLIMITED ? null : v);

function rate(cur: N, prev: N | undefined, dtSec: number): N {
  if (cur === null || prev === null || prev === undefined || dtSec <= 0) return null;
  // A counter that went backwards was reset (CT restarted, veth recreated).
  return cur >= prev ? (cur - prev) / dtSec : null;
}

function increase(cur: N, prev: N | undefined): number {
  if (cur === null || prev === null || prev === undefined || cur <= prev) return 0;
  return cur - prev;
}

export type DeriveInput = {
  cur: StatsRow;
  prev: StatsRow | undefined;
  col: StatsColumnIndex;
  dtSec: number;
  nodeCpus: number;
  // The CT's CPU limit in percent of one CPU (CPULIMIT, or CPUS × 100); 0 = none.
  cpuLimitPct: number;
};

// Runs for every CT every second: module-level helpers, no closures per CT.
const at = (row: StatsRow, i: number): N => row[i] ?? null;
const rateAt = (cur: StatsRow, prev: StatsRow | undefined, i: number, dtSec: number) => rate(at(cur, i), prev?.[i], dtSec);

function addHit(hits: Omit<LimitHit, "processes">[], cur: StatsRow, prev: StatsRow, ctid: number, resource: LimitHit["resource"], i: number, lim: number) {
  const n = increase(at(cur, i), prev[i]);
  if (n > 0) hits.push({ ctid, resource, count: n, limit: limit(at(cur, lim)) });
}

export function deriveCtMetrics({ cur, prev, col, dtSec, nodeCpus, cpuLimitPct }: DeriveInput): { values: MetricValues; hits: Omit<LimitHit, "processes">[] } {
  const cpuNs = rateAt(cur, prev, col.cpu_ns, dtSec);
  // Percent of one CPU: 150 means one and a half cores busy.
  const cpuOne = cpuNs === null ? null : cpuNs / 1e7;
  const cpuNode = cpuOne === null ? null : Math.min(100, cpuOne / nodeCpus);
  const cap = cpuLimitPct > 0 ? Math.min(cpuLimitPct, nodeCpus * 100) : nodeCpus * 100;
  const cpuLimit = cpuOne === null ? null : Math.min(100, (cpuOne / cap) * 100);
  const values: MetricValues = [
    cpuNode === null ? null : round(cpuNode),
    cpuLimit === null ? null : round(cpuLimit),
    at(cur, col["memory.current"]),
    limit(at(cur, col["memory.limit"])),
    at(cur, col["swap.current"]),
    limit(at(cur, col["swap.limit"])),
    at(cur, col["processes.current"]),
    limit(at(cur, col["processes.limit"])),
    at(cur, col["disk.used"]),
    at(cur, col["disk.total"]),
    at(cur, col["disk.inodes_used"]),
    at(cur, col["disk.inodes_total"]),
    roundRate(rateAt(cur, prev, col["net.rx_bytes"], dtSec)),
    roundRate(rateAt(cur, prev, col["net.tx_bytes"], dtSec)),
    roundRate(rateAt(cur, prev, col["net.rx_packets"], dtSec)),
    roundRate(rateAt(cur, prev, col["net.tx_packets"], dtSec)),
    roundRate(rateAt(cur, prev, col["io.read_bytes"], dtSec)),
    roundRate(rateAt(cur, prev, col["io.write_bytes"], dtSec)),
    roundRate(rateAt(cur, prev, col["io.read_ops"], dtSec)),
    roundRate(rateAt(cur, prev, col["io.write_ops"], dtSec)),
  ];
  const hits: Omit<LimitHit, "processes">[] = [];
  if (prev) {
    const ctid = at(cur, col.ctid)!;
    addHit(hits, cur, prev, ctid, "physpages", col["memory.failcnt"], col["memory.limit"]);
    addHit(hits, cur, prev, ctid, "oom_kill", col["memory.oom_kills"], col["memory.limit"]);
    addHit(hits, cur, prev, ctid, "swappages", col["swap.failcnt"], col["swap.limit"]);
    addHit(hits, cur, prev, ctid, "numproc", col["processes.failcnt"], col["processes.limit"]);
  }
  return { values, hits };
}

const round = (v: number) => Math.round(v * 100) / 100;
const roundRate = (v: N) => (v === null ? null : Math.round(v));
