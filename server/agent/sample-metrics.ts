// The agent's sampler: one long-lived `corralctl stats --compact --interval
// MS` (every running CT in one pass, counter files kept open between
// samples, each CT an array in the order of a first columns line), turned
// into rates and percentages, sent to the panel as one batch per interval
// whose samples are one binary block of float64 rows (metrics-frame.ts).
// Its cost depends on the number of CTs only: viewers are the panel's
// business and never reach the node.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import readline from "node:readline";
import { deriveCtMetrics, type StatsRow } from "@/server/agent/derive-ct-metrics";
import { indexStatsColumns, type StatsColumnIndex } from "@/server/agent/index-stats-columns";
import type { LimitHit } from "@/server/agent/metrics-messages";
import { watchCpuLimits } from "@/server/agent/watch-cpu-limits";
import { watchOomKills } from "@/server/agent/watch-oom-kills";
import { moduleLogger } from "@/server/logger";
import { METRIC_COUNT } from "@/server/metrics/metric-fields";
import type { MetricsFrameHeader } from "@/server/metrics/metrics-frame";

const log = moduleLogger("agent-metrics");

export type MetricsSampler = { stop: () => void };

// What goes out as `metrics:frame`; rows is a Buffer so socket.io sends it as a binary attachment.
export type SampledFrame = Omit<MetricsFrameHeader, "rows"> & { rows: Buffer };

export type SamplerOptions = { bin: string; root: string; intervalMs: number; emit: (frame: SampledFrame) => void };

const STRIDE = 1 + METRIC_COUNT;
// 4,000 rows of 21 float64s are 672,000 bytes.
const FRAME_ROWS = 4000;

// An OOM kill whose victim is not yet in the kernel log waits this many samples for it.
const NAME_WAIT_SAMPLES = 2;
const NAME_TTL_MS = 10_000;
// OOM-kill counts go out when they change, and all of them this often (a
// panel that restarted meanwhile has none).
const OOM_RESEND_SAMPLES = 60;

function readNodeUsage(prev: { busy: number; total: number } | null) {
  let cpu: { busy: number; total: number } | null = null;
  try {
    const f = fs.readFileSync("/proc/stat", "utf8");
    const v = f.slice(0, f.indexOf("\n")).trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.reduce((a, b) => a + b, 0);
    cpu = { busy: total - idle, total };
  } catch {
    // Not Linux: no node CPU figure.
  }
  const pct = cpu && prev && cpu.total > prev.total ? Math.round(((cpu.busy - prev.busy) / (cpu.total - prev.total)) * 10000) / 100 : null;
  return { cpu, pct, memUsed: os.totalmem() - os.freemem(), memTotal: os.totalmem() };
}

export function startMetricsSampler(o: SamplerOptions): MetricsSampler {
  const nodeCpus = os.availableParallelism();
  const oom = watchOomKills(o.root);
  const limits = watchCpuLimits(o.root);
  let col: StatsColumnIndex | null = null;
  let prev = new Map<number, StatsRow>();
  let prevT = 0;
  let prevCpu: { busy: number; total: number } | null = null;
  let waiting: { hit: LimitHit; age: number }[] = [];
  const names = new Map<number, { list: string[]; at: number }>();
  let samples = 0;
  let child: ChildProcess | undefined;
  let stopped = false;
  let restarts = 0;

  const onLine = (line: string) => {
    let s: { columns?: unknown; time_ms: number; cts: StatsRow[] };
    try {
      s = JSON.parse(line);
    } catch {
      return log.warn({ line: line.slice(0, 200) }, "corralctl stats printed a line that is not JSON");
    }
    if (s.columns !== undefined) {
      try {
        col = indexStatsColumns(s.columns);
      } catch (err) {
        col = null;
        log.error({ err: (err as Error).message }, "corralctl stats does not print what the sampler needs");
      }
      return;
    }
    if (!col || !Array.isArray(s.cts)) return;
    const c = col;
    const now = Date.now();
    const dtSec = prevT ? (s.time_ms - prevT) / 1000 : 0;
    const next = new Map<number, StatsRow>();
    // A fresh block per frame: socket.io may still hold the previous one in its write queue.
    const rows = new Float64Array(s.cts.length * STRIDE);
    let k = 0;
    let fresh: LimitHit[] = [];
    const oomKills: [number, number][] = [];
    const resendOoms = samples++ % OOM_RESEND_SAMPLES === 0;
    for (const ct of s.cts) {
      const ctid = ct[c.ctid]!;
      const before = prev.get(ctid);
      next.set(ctid, ct);
      const d = deriveCtMetrics({ cur: ct, prev: before, col: c, dtSec, nodeCpus, cpuLimitPct: limits.get(ctid, now) });
      const base = k++ * STRIDE;
      rows[base] = ctid;
      for (let i = 0; i < METRIC_COUNT; i++) rows[base + 1 + i] = d.values[i] ?? NaN;
      for (const h of d.hits) fresh.push({ ...h, processes: [] });
      const ooms = ct[c["memory.oom_kills"]] ?? null;
      if (ooms !== null && (resendOoms || ooms !== before?.[c["memory.oom_kills"]])) oomKills.push([ctid, ooms]);
    }
    // One allocation past the RAM limit often bumps the limit's failcnt and
    // kills a process in the same sample: that is one incident, the kill.
    const killed = new Set(fresh.filter((h) => h.resource === "oom_kill").map((h) => h.ctid));
    fresh = fresh.filter((h) => !(h.resource === "physpages" && killed.has(h.ctid)));
    for (const [ctid, list] of oom.drain()) names.set(ctid, { list: [...(names.get(ctid)?.list ?? []), ...list], at: now });
    // A victim's name goes with its OOM kill; a kill counted before its log
    // line was read waits a sample or two for it.
    const ready: LimitHit[] = [];
    const pending = [...waiting, ...fresh.map((hit) => ({ hit, age: 0 }))];
    waiting = [];
    for (const w of pending) {
      if (w.hit.resource !== "oom_kill") {
        ready.push(w.hit);
        continue;
      }
      const got = names.get(w.hit.ctid)?.list;
      if (got?.length || w.age >= NAME_WAIT_SAMPLES) {
        ready.push({ ...w.hit, processes: (got ?? []).slice(0, 50) });
        names.delete(w.hit.ctid);
      } else waiting.push({ hit: w.hit, age: w.age + 1 });
    }
    // Names no kill claimed are dropped rather than pinned on a later one.
    for (const [ctid, n] of names) if (now - n.at > NAME_TTL_MS) names.delete(ctid);
    limits.keepOnly(next);
    prev = next;
    prevT = s.time_ms;
    const node = readNodeUsage(prevCpu);
    prevCpu = node.cpu;
    // Frames stay under the panel's 1 MB message limit: a node with more CTs
    // sends several per sample, and the last one carries the rest of the batch.
    for (let from = 0; from < k || from === 0; from += FRAME_ROWS) {
      const to = Math.min(k, from + FRAME_ROWS);
      const last = to >= k;
      o.emit({
        t: s.time_ms,
        intervalMs: o.intervalMs,
        columns: METRIC_COUNT,
        rows: Buffer.from(rows.buffer, from * STRIDE * 8, (to - from) * STRIDE * 8),
        hits: last ? ready : [],
        oomKills: last ? oomKills : [],
        ...(last ? { node: { cpuPct: node.pct, memUsed: node.memUsed, memTotal: node.memTotal, cpus: nodeCpus } } : {}),
        ...(k > FRAME_ROWS ? { ctsTotal: k } : {}),
      });
    }
    restarts = 0;
  };

  const start = () => {
    const argv = ["--root", o.root, "stats", "--compact", "--interval", String(o.intervalMs)];
    const env = { PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin", CORRAL_ROOT: o.root } as unknown as NodeJS.ProcessEnv;
    const c = spawn(o.bin, argv, { stdio: ["ignore", "pipe", "pipe"], env });
    child = c;
    log.info({ pid: c.pid, intervalMs: o.intervalMs }, "metrics sampler started");
    readline.createInterface({ input: c.stdout }).on("line", onLine);
    let err = "";
    c.stderr.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    c.on("error", (e) => log.error({ err: e.message }, "cannot run corralctl stats"));
    c.on("exit", (code, signal) => {
      if (stopped) return;
      // Restart with backoff; counters start over, so the first sample has no rates.
      prev = new Map();
      prevT = 0;
      col = null;
      samples = 0;
      const delay = Math.min(60_000, 1000 * 2 ** restarts++);
      log.warn({ code, signal, stderr: err.trim().slice(-500), delay }, "corralctl stats exited; restarting");
      setTimeout(() => !stopped && start(), delay).unref();
    });
  };
  start();

  return {
    stop: () => {
      stopped = true;
      child?.kill("SIGTERM");
      oom.close();
      limits.close();
    },
  };
}
