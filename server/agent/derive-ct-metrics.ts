// Turns two consecutive `corralctl stats` readings of one CT into the values
// the panel charts (METRIC_FIELDS order) and the failure counters that went
// up in between. Pure, so the arithmetic is tested without a CT.
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
  cur: StatsCt;
  prev: StatsCt | undefined;
  dtSec: number;
  nodeCpus: number;
  // The CT's CPU limit in percent of one CPU (CPULIMIT, or CPUS × 100); 0 = none.
  cpuLimitPct: number;
};

export function deriveCtMetrics({ cur, prev, dtSec, nodeCpus, cpuLimitPct }: DeriveInput): { values: MetricValues; hits: Omit<LimitHit, "processes">[] } {
  const cpuNs = rate(cur.cpu_ns, prev?.cpu_ns, dtSec);
  // Percent of one CPU: 150 means one and a half cores busy.
  const cpuOne = cpuNs === null ? null : cpuNs / 1e7;
  const cpuNode = cpuOne === null ? null : Math.min(100, cpuOne / nodeCpus);
  const cap = cpuLimitPct > 0 ? Math.min(cpuLimitPct, nodeCpus * 100) : nodeCpus * 100;
  const cpuLimit = cpuOne === null ? null : Math.min(100, (cpuOne / cap) * 100);
  const values: MetricValues = [
    cpuNode === null ? null : round(cpuNode),
    cpuLimit === null ? null : round(cpuLimit),
    cur.memory.current,
    limit(cur.memory.limit),
    cur.swap.current,
    limit(cur.swap.limit),
    cur.processes.current,
    limit(cur.processes.limit),
    cur.disk.used,
    cur.disk.total,
    cur.disk.inodes_used,
    cur.disk.inodes_total,
    roundRate(rate(cur.net.rx_bytes, prev?.net.rx_bytes, dtSec)),
    roundRate(rate(cur.net.tx_bytes, prev?.net.tx_bytes, dtSec)),
    roundRate(rate(cur.net.rx_packets, prev?.net.rx_packets, dtSec)),
    roundRate(rate(cur.net.tx_packets, prev?.net.tx_packets, dtSec)),
    roundRate(rate(cur.io.read_bytes, prev?.io.read_bytes, dtSec)),
    roundRate(rate(cur.io.write_bytes, prev?.io.write_bytes, dtSec)),
    roundRate(rate(cur.io.read_ops, prev?.io.read_ops, dtSec)),
    roundRate(rate(cur.io.write_ops, prev?.io.write_ops, dtSec)),
  ];
  const hits: Omit<LimitHit, "processes">[] = [];
  if (prev) {
    const add = (resource: LimitHit["resource"], n: number, lim: N) => n > 0 && hits.push({ ctid: cur.ctid, resource, count: n, limit: limit(lim) });
    add("physpages", increase(cur.memory.failcnt, prev.memory.failcnt), cur.memory.limit);
    add("oom_kill", increase(cur.memory.oom_kills, prev.memory.oom_kills), cur.memory.limit);
    add("swappages", increase(cur.swap.failcnt, prev.swap.failcnt), cur.swap.limit);
    add("numproc", increase(cur.processes.failcnt, prev.processes.failcnt), cur.processes.limit);
  }
  return { values, hits };
}

const round = (v: number) => Math.round(v * 100) / 100;
const roundRate = (v: N) => (v === null ? null : Math.round(v));
