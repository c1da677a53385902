import { describe, expect, it } from "vitest";
import { createCrashLoopDetector } from "@/server/agent/detect-crash-loop";

describe("createCrashLoopDetector", () => {
  it("flags a CT after 10 restarts within a minute, once", () => {
    const d = createCrashLoopDetector();
    const t0 = 1_000_000;
    expect(d.sample(101, { running: true, reboots: 0, started: 1 }, t0)).toBe(false);
    for (let i = 1; i <= 9; i++) expect(d.sample(101, { running: true, reboots: i, started: 1 + i }, t0 + i * 1000)).toBe(false);
    expect(d.sample(101, { running: true, reboots: 10, started: 11 }, t0 + 10_000)).toBe(true);
    expect(d.sample(101, { running: true, reboots: 11, started: 12 }, t0 + 11_000)).toBe(false);
  });

  it("does not flag restarts spread over more than a minute", () => {
    const d = createCrashLoopDetector();
    d.sample(102, { running: true, reboots: 0, started: 1 }, 0);
    for (let i = 1; i <= 20; i++) expect(d.sample(102, { running: true, reboots: i, started: 1 + i }, i * 7_000)).toBe(false);
  });

  it("counts a start time that moved as a restart, and several reboots between samples", () => {
    const d = createCrashLoopDetector(3, 60_000);
    d.sample(103, { running: true, reboots: 0, started: 100 }, 0);
    expect(d.sample(103, { running: true, reboots: 2, started: 105 }, 1000)).toBe(false);
    expect(d.sample(103, { running: true, reboots: 2, started: 110 }, 2000)).toBe(true);
  });
});
