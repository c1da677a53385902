import { describe, expect, it } from "vitest";
import { deriveCtMetrics, type StatsCt } from "@/server/agent/derive-ct-metrics";
import { parseOomKill } from "@/server/agent/watch-oom-kills";
import { METRIC_KEYS } from "@/server/metrics/metric-fields";

function ct(over: Partial<{ cpu: number; rx: number; oom: number; fail: number; pfail: number }> = {}): StatsCt {
  return {
    ctid: 101,
    cpu_ns: over.cpu ?? 0,
    memory: { current: 50e6, peak: 60e6, limit: 64 * 2 ** 20, failcnt: over.fail ?? 0, oom_kills: over.oom ?? 0 },
    swap: { current: 0, peak: null, limit: 0, failcnt: 0 },
    processes: { current: 3, peak: 4, limit: null, failcnt: over.pfail ?? 0 },
    io: { read_bytes: 0, write_bytes: 0, read_ops: 0, write_ops: 0 },
    net: { rx_bytes: over.rx ?? null, rx_packets: null, tx_bytes: null, tx_packets: null },
    disk: { used: 1, total: 2, inodes_used: 3, inodes_total: 4 },
  };
}
const at = (values: (number | null)[], key: string) => values[METRIC_KEYS.indexOf(key as never)];

describe("deriveCtMetrics", () => {
  it("turns counters into percentages and rates", () => {
    // 0.5 s of CPU in 1 s on a 2-CPU node with a 50% limit: 25% of the node, 100% of the limit.
    const d = deriveCtMetrics({ prev: ct({ cpu: 1e9, rx: 1000 }), cur: ct({ cpu: 1.5e9, rx: 3000 }), dtSec: 1, nodeCpus: 2, cpuLimitPct: 50 });
    expect(at(d.values, "cpuNode")).toBe(25);
    expect(at(d.values, "cpuLimit")).toBe(100);
    expect(at(d.values, "netRx")).toBe(2000);
    expect(at(d.values, "netTx")).toBeNull(); // no veth: no number, not zero
    expect(at(d.values, "ramLimit")).toBe(64 * 2 ** 20);
    expect(d.hits).toEqual([]);
  });

  it("has no rates on the first sample and after a counter reset", () => {
    expect(at(deriveCtMetrics({ prev: undefined, cur: ct({ cpu: 5e9 }), dtSec: 0, nodeCpus: 2, cpuLimitPct: 0 }).values, "cpuNode")).toBeNull();
    expect(at(deriveCtMetrics({ prev: ct({ cpu: 5e9 }), cur: ct({ cpu: 1e9 }), dtSec: 1, nodeCpus: 2, cpuLimitPct: 0 }).values, "cpuNode")).toBeNull();
  });

  it("reports failure counters that went up", () => {
    const d = deriveCtMetrics({ prev: ct(), cur: ct({ oom: 2, pfail: 5 }), dtSec: 1, nodeCpus: 2, cpuLimitPct: 0 });
    expect(d.hits).toEqual([
      { ctid: 101, resource: "oom_kill", count: 2, limit: 64 * 2 ** 20 },
      { ctid: 101, resource: "numproc", count: 5, limit: null },
    ]);
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
