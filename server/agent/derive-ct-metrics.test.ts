import { describe, expect, it } from "vitest";
import { deriveCtMetrics, type StatsRow } from "@/server/agent/derive-ct-metrics";
import { indexStatsColumns, STATS_COLUMNS, type StatsColumn } from "@/server/agent/index-stats-columns";
import { parseOomKill } from "@/server/agent/watch-oom-kills";
import { METRIC_KEYS } from "@/server/metrics/metric-fields";

// corralctl's own column order (native/src/cmd-stats.c), peaks included,
// so the rows are indexed through the columns line as the sampler does.
const COLUMNS = ["ctid", "cpu_ns", "memory.current", "memory.peak", "memory.limit", "memory.failcnt", "memory.oom_kills", "swap.current", "swap.peak", "swap.limit", "swap.failcnt", "processes.current", "processes.peak", "processes.limit", "processes.failcnt", "io.read_bytes", "io.write_bytes", "io.read_ops", "io.write_ops", "net.rx_bytes", "net.rx_packets", "net.tx_bytes", "net.tx_packets", "disk.used", "disk.total", "disk.inodes_used", "disk.inodes_total"];
const col = indexStatsColumns(COLUMNS);

function ct(over: Partial<{ cpu: number; rx: number; oom: number; fail: number; pfail: number }> = {}): StatsRow {
  const named: Partial<Record<string, number | null>> = {
    ctid: 101,
    cpu_ns: over.cpu ?? 0,
    "memory.current": 50e6,
    "memory.peak": 60e6,
    "memory.limit": 64 * 2 ** 20,
    "memory.failcnt": over.fail ?? 0,
    "memory.oom_kills": over.oom ?? 0,
    "swap.current": 0,
    "swap.limit": 0,
    "swap.failcnt": 0,
    "processes.current": 3,
    "processes.peak": 4,
    "processes.failcnt": over.pfail ?? 0,
    "io.read_bytes": 0,
    "io.write_bytes": 0,
    "io.read_ops": 0,
    "io.write_ops": 0,
    "net.rx_bytes": over.rx ?? null,
    "disk.used": 1,
    "disk.total": 2,
    "disk.inodes_used": 3,
    "disk.inodes_total": 4,
  };
  return COLUMNS.map((c) => named[c] ?? null);
}
const at = (values: (number | null)[], key: string) => values[METRIC_KEYS.indexOf(key as never)];

describe("deriveCtMetrics", () => {
  it("turns counters into percentages and rates", () => {
    // 0.5 s of CPU in 1 s on a 2-CPU node with a 50% limit: 25% of the node, 100% of the limit.
    const d = deriveCtMetrics({ prev: ct({ cpu: 1e9, rx: 1000 }), cur: ct({ cpu: 1.5e9, rx: 3000 }), dtSec: 1, nodeCpus: 2, cpuLimitPct: 50, col });
    expect(at(d.values, "cpuNode")).toBe(25);
    expect(at(d.values, "cpuLimit")).toBe(100);
    expect(at(d.values, "netRx")).toBe(2000);
    expect(at(d.values, "netTx")).toBeNull(); // no veth: no number, not zero
    expect(at(d.values, "ramLimit")).toBe(64 * 2 ** 20);
    expect(d.hits).toEqual([]);
  });

  it("has no rates on the first sample and after a counter reset", () => {
    expect(at(deriveCtMetrics({ prev: undefined, cur: ct({ cpu: 5e9 }), dtSec: 0, nodeCpus: 2, cpuLimitPct: 0, col }).values, "cpuNode")).toBeNull();
    expect(at(deriveCtMetrics({ prev: ct({ cpu: 5e9 }), cur: ct({ cpu: 1e9 }), dtSec: 1, nodeCpus: 2, cpuLimitPct: 0, col }).values, "cpuNode")).toBeNull();
  });

  it("reports failure counters that went up", () => {
    const d = deriveCtMetrics({ prev: ct(), cur: ct({ oom: 2, pfail: 5 }), dtSec: 1, nodeCpus: 2, cpuLimitPct: 0, col });
    expect(d.hits).toEqual([
      { ctid: 101, resource: "oom_kill", count: 2, limit: 64 * 2 ** 20 },
      { ctid: 101, resource: "numproc", count: 5, limit: null },
    ]);
  });
});

describe("indexStatsColumns", () => {
  it("finds each column wherever corralctl put it", () => {
    const shuffled = [...COLUMNS].reverse().concat("some.future_column");
    const c = indexStatsColumns(shuffled);
    for (const name of STATS_COLUMNS) expect(shuffled[c[name as StatsColumn]]).toBe(name);
  });
  it("refuses a corralctl without a needed column, naming it", () => {
    expect(() => indexStatsColumns(COLUMNS.filter((c) => c !== "memory.oom_kills"))).toThrow(/memory\.oom_kills/);
    expect(() => indexStatsColumns({ ctid: 0 })).toThrow(/not a list/);
  });
});

describe("parseOomKill", () => {
  // A record as this kernel (6.18, cgroup v1) wrote it for a CT of a node with CGROUP_PARENT=corral-nodetest-17211-1.
  const rec =
    "3,1234,2062428530,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=101,mems_allowed=0,oom_memcg=/corral-nodetest-17211-1/101,task_memcg=/corral-nodetest-17211-1/101,task=dd,pid=27675,uid=506619136";
  it("names the victim and its CT", () => {
    expect(parseOomKill(rec, "corral-nodetest-17211-1")).toEqual({ ctid: 101, task: "dd" });
  });
  it("ignores other nodes' CTs and other records", () => {
    expect(parseOomKill(rec, "corral")).toBeNull();
    expect(parseOomKill("6,1,1,-;Memory cgroup out of memory: Killed process 1 (dd)", "corral")).toBeNull();
  });
});
