// The sampler's frames, with a stand-in for `corralctl stats --compact`
// printing two samples of 4,500 CTs: every CT's values arrive as float64 rows
// (NaN for null), the sample is cut into frames under the panel's 1 MB
// message limit, and only the last frame carries hits, OOM counts and the
// node's usage, with the CT total on each.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { STATS_COLUMNS } from "@/server/agent/index-stats-columns";
import { startMetricsSampler, type SampledFrame } from "@/server/agent/sample-metrics";
import { METRIC_COUNT, METRIC_KEYS } from "@/server/metrics/metric-fields";
import { readMetricsFrame } from "@/server/metrics/metrics-frame";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corral-sampler-test-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const N = 4500;
function sample(timeMs: number, cpuNs: number) {
  const cts = Array.from({ length: N }, (_, i) => STATS_COLUMNS.map((c) => (c === "ctid" ? 1000 + i : c === "cpu_ns" ? cpuNs : c === "memory.current" ? 4096 * (i + 1) : c.startsWith("net.") ? null : 0)));
  return JSON.stringify({ time_ms: timeMs, cts });
}

describe("metrics sampler", () => {
  it("sends each sample as float64 frames of at most 4,000 CTs", async () => {
    const out = path.join(dir, "stats.jsonl");
    fs.writeFileSync(out, [JSON.stringify({ columns: STATS_COLUMNS }), sample(1_700_000_000_000, 0), sample(1_700_000_001_000, 500_000_000)].join("\n") + "\n");
    const bin = path.join(dir, "corralctl");
    fs.writeFileSync(bin, `#!/bin/sh\ncat '${out}'\nexec sleep 60\n`, { mode: 0o755 });
    const frames: SampledFrame[] = [];
    const sampler = startMetricsSampler({ bin, root: dir, intervalMs: 1000, emit: (f) => frames.push(f) });
    try {
      const end = Date.now() + 10_000;
      while (frames.length < 4 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    } finally {
      sampler.stop();
    }
    expect(frames.map((f) => f.rows.byteLength / 8 / (1 + METRIC_COUNT))).toEqual([4000, 500, 4000, 500]);
    expect(frames.every((f) => f.rows.byteLength < 1_000_000 && f.ctsTotal === N)).toBe(true);
    expect(frames.map((f) => f.node !== undefined)).toEqual([false, true, false, true]);
    const last = readMetricsFrame(frames[3]);
    if (!last.ok) throw new Error(last.error);
    const f = last.frame;
    const ram = METRIC_KEYS.indexOf("ram");
    const netRx = METRIC_KEYS.indexOf("netRx");
    const cpu = METRIC_KEYS.indexOf("cpuNode");
    // The second frame holds CTs 4000..4499.
    expect(f.rows[0]).toBe(1000 + 4000);
    expect(f.rows[1 + ram]).toBe(4096 * 4001);
    expect(Number.isNaN(f.rows[1 + netRx]!)).toBe(true);
    expect(f.rows[1 + cpu]).toBeGreaterThan(0);
  });
});
