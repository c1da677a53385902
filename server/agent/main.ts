// The node agent, run as root on every node from its bundle (scripts/build-agent.mjs):
//   node build/agent.mjs --panel URL --token TOKEN --root /var/lib/corral
// The token may come from CORRAL_AGENT_TOKEN instead, so it stays out of `ps`.
// The agent dies alone: CTs run under their monitors, outside its process tree.
import { parseArgs } from "node:util";
import { connectAgent } from "@/server/agent/connect-agent";
import { holdAgentLock } from "@/server/agent/hold-agent-lock";
import { logger } from "@/server/logger";
import { corralctlPath } from "@/server/node/corralctl-path";

function fail(message: string): never {
  process.stderr.write(`corral-agent: ${message}\n`);
  process.exit(2);
}

function metricsInterval(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 100 || n > 3_600_000) fail("--metrics-interval must be milliseconds between 100 and 3600000");
  return n;
}

async function main() {
  const { values } = parseArgs({
    options: {
      panel: { type: "string" },
      token: { type: "string" },
      root: { type: "string" },
      corralctl: { type: "string" },
      "watch-interval": { type: "string" },
      "metrics-interval": { type: "string" },
    },
  });
  const panel = values.panel ?? process.env.CORRAL_PANEL_URL;
  const token = values.token ?? process.env.CORRAL_AGENT_TOKEN;
  const root = values.root ?? process.env.CORRAL_ROOT ?? "/var/lib/corral";
  if (!panel || !/^https?:\/\//.test(panel)) fail("--panel URL is required (the panel's http(s) address)");
  if (!token) fail("--token TOKEN (or CORRAL_AGENT_TOKEN) is required: create one with \"Add node\" in the panel");
  if (!root.startsWith("/")) fail("--root must be an absolute path");
  if (!(await holdAgentLock(root))) fail(`another agent already serves ${root}`);

  const agent = connectAgent({
    panelUrl: panel,
    token,
    root,
    corralctl: values.corralctl ?? corralctlPath(),
    watchIntervalMs: values["watch-interval"] ? Number(values["watch-interval"]) : undefined,
    // Milliseconds between metric samples of every running CT (default 1000).
    metricsIntervalMs: metricsInterval(values["metrics-interval"] ?? process.env.CORRAL_METRICS_INTERVAL_MS),
  });
  const stop = (why: string) => {
    logger.info({ why }, "agent stopping; CTs keep running");
    agent.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // Started by the all-in-one panel with an IPC channel: when that panel goes
  // (even by kill -9), go too, so its next start spawns exactly one agent.
  if (process.send) process.on("disconnect", () => stop("panel process gone"));
}

void main();
