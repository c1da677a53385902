// The agent bundle (build/agent.mjs) that panels and admins run, rebuilt from
// the sources once per test process, as `npm start` does before each start:
// tests then drive the code a node runs, never a stale build.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { AGENT_BUNDLE } from "@/server/nodes/agent-command";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
let built = false;

export function agentBundle(): string {
  if (!built) {
    execFileSync(process.execPath, [path.join(ROOT, "scripts", "build-agent.mjs")], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
    built = true;
  }
  return path.join(ROOT, AGENT_BUNDLE);
}
