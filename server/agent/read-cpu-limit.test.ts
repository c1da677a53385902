import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCpuLimit } from "@/server/agent/read-cpu-limit";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "corral-cpulimit-"));
fs.mkdirSync(path.join(root, "conf"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const conf = (ctid: number, text: string) => fs.writeFileSync(path.join(root, "conf", `${ctid}.conf`), text);

describe("readCpuLimit", () => {
  it("reads CPULIMIT with or without vzctl's % suffix, and takes the smaller of it and CPUS", () => {
    conf(101, 'CPULIMIT="50%"\n');
    conf(102, "CPULIMIT=150\nCPUS=1\n");
    conf(103, 'CPUS="2"\n');
    conf(104, 'HOSTNAME="x"\n');
    expect(readCpuLimit(root, 101)).toBe(50);
    expect(readCpuLimit(root, 102)).toBe(100);
    expect(readCpuLimit(root, 103)).toBe(200);
    expect(readCpuLimit(root, 104)).toBe(0);
    expect(readCpuLimit(root, 999)).toBe(0);
  });
});
