import { describe, expect, it } from "vitest";
import { TaskSpec } from "@/server/agent/agent-messages";
import { buildCorralctlArgv } from "@/server/agent/build-corralctl-argv";

describe("buildCorralctlArgv", () => {
  it("builds create then start, each value its own argv element", () => {
    const spec = TaskSpec.parse({ kind: "create", ctid: 101, ostemplate: "busybox", hostname: "web", ipAddresses: ["10.0.0.5"], ramBytes: 1024, start: true });
    expect(buildCorralctlArgv(spec)).toEqual([
      ["create", "101", "--ostemplate", "busybox", "--hostname", "web", "--ipadd", "10.0.0.5", "--ram", "1024"],
      ["start", "101"],
    ]);
  });

  it("refuses a value that would read as an option", () => {
    const spec = TaskSpec.parse({ kind: "set", ctid: 101, hostname: "--root=/etc" });
    expect(() => buildCorralctlArgv(spec)).toThrow(/hostname is not valid/);
  });

  it("the wire schema refuses unknown kinds, bad CTIDs and template names with paths", () => {
    expect(TaskSpec.safeParse({ kind: "exec", ctid: 101 }).success).toBe(false);
    expect(TaskSpec.safeParse({ kind: "start", ctid: 0 }).success).toBe(false);
    expect(TaskSpec.safeParse({ kind: "create", ctid: 101, ostemplate: "../etc" }).success).toBe(false);
  });
});
