// The sampler's CPU-limit cache: a CT's limit is read from its config, and
// read again as soon as the config is replaced (corralctl writes it by
// rename), long before the cache's backstop interval.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { watchCpuLimits } from "@/server/agent/watch-cpu-limits";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "corral-cpu-limits-test-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

// As corralctl's kvfile.c does: a temporary file renamed over the config.
function writeConf(ctid: number, text: string) {
  const file = path.join(root, "conf", `${ctid}.conf`);
  fs.writeFileSync(`${file}.tmp.1`, text);
  fs.renameSync(`${file}.tmp.1`, file);
}

describe("watchCpuLimits", () => {
  it("re-reads a CT's limit when its config is replaced", async () => {
    fs.mkdirSync(path.join(root, "conf"));
    writeConf(101, 'CPULIMIT="50"\nCPUS="2"\n');
    writeConf(102, 'CPUS="1"\n');
    const limits = watchCpuLimits(root);
    try {
      expect(limits.get(101, 1000)).toBe(50);
      expect(limits.get(102, 1000)).toBe(100);
      writeConf(101, 'CPULIMIT="150"\nCPUS="4"\n');
      const end = Date.now() + 5000;
      while (limits.get(101, 3000) !== 150 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      expect(limits.get(101, 3000)).toBe(150);
      expect(limits.get(102, 3000)).toBe(100);
    } finally {
      limits.close();
    }
  });

  it("without a conf directory to watch, still reads (no config: no limit)", () => {
    const limits = watchCpuLimits(path.join(root, "missing"));
    try {
      expect(limits.get(101, 0)).toBe(0);
    } finally {
      limits.close();
    }
  });
});
