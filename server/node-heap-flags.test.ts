// The panel and agent processes get the same V8 flags however they start:
// `npm start` (a shell script, so it spells them out), the panel's local
// agent, and the command an admin is shown for a new node.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NODE_HEAP_FLAGS } from "@/server/node-heap-flags";
import { agentCommand } from "@/server/nodes/agent-command";

describe("NODE_HEAP_FLAGS", () => {
  it("are on the node command line of scripts/start.sh", () => {
    const script = fs.readFileSync(path.join(process.cwd(), "scripts", "start.sh"), "utf8");
    const line = script.split("\n").find((l) => /^exec node /.test(l));
    expect(line).toBeDefined();
    for (const flag of NODE_HEAP_FLAGS) expect(line!.split(" ")).toContain(flag);
  });

  it("are in the agent command shown to an admin, before the bundle", () => {
    const cmd = agentCommand("https://panel.example.com", "corral_node_x");
    for (const flag of NODE_HEAP_FLAGS) expect(cmd.indexOf(` ${flag} `)).toBeGreaterThan(0);
    expect(cmd.indexOf(NODE_HEAP_FLAGS[0]!)).toBeLessThan(cmd.indexOf("build/agent.mjs"));
  });

  it("are flags this Node accepts", () => {
    for (const flag of NODE_HEAP_FLAGS) expect(process.allowedNodeEnvironmentFlags.has(flag.split("=")[0]!)).toBe(true);
  });
});
