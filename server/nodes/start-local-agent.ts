// Runs the local node's agent as a child process with its own PID. It gets an
// IPC channel so it exits when the panel does, even by kill -9 (see
// server/agent/main.ts); the CTs stay, their monitors are outside both trees.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { moduleLogger } from "@/server/logger";
import { AGENT_BUNDLE } from "@/server/nodes/agent-command";
import { NODE_HEAP_FLAGS } from "@/server/node-heap-flags";

const log = moduleLogger("local-agent");

export type LocalAgent = { pid: () => number | undefined; stop: () => Promise<void> };

export function startLocalAgent(o: { panelUrl: string; token: string; root: string; corralctl?: string }): LocalAgent {
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  // What a node runs (agent-command.ts); `npm run dev` runs the sources
  // instead, so an edit to the agent applies on the next restart.
  const entry =
    process.env.NODE_ENV === "development" ? ["--import", "tsx", path.join(process.cwd(), "server", "agent", "main.ts")] : [path.join(process.cwd(), AGENT_BUNDLE)];
  if (!fs.existsSync(entry.at(-1)!)) throw new Error(`the node agent is not built (${AGENT_BUNDLE}): run \`npm run build\` or \`npm start\``);
  const spawnAgent = () => {
    // Only what the agent needs: never the panel's database URL or secrets.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: process.env.NODE_ENV,
      LOG_LEVEL: process.env.LOG_LEVEL,
      CORRAL_AGENT_TOKEN: o.token,
      CORRAL_ROOT: o.root,
      // Milliseconds between metric samples (server/agent/main.ts, default 1000).
      ...(process.env.CORRAL_METRICS_INTERVAL_MS ? { CORRAL_METRICS_INTERVAL_MS: process.env.CORRAL_METRICS_INTERVAL_MS } : {}),
      ...(o.corralctl ? { CORRALCTL: o.corralctl } : {}),
    };
    const args = [...NODE_HEAP_FLAGS, ...entry, "--panel", o.panelUrl, "--root", o.root];
    child = spawn(process.execPath, args, { cwd: process.cwd(), env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const started = Date.now();
    log.info({ pid: child.pid, root: o.root }, "local agent started");
    child.on("exit", (code, signal) => {
      if (stopping) return;
      // Restart with backoff; a crash loop slows to one try a minute.
      restarts = Date.now() - started > 60_000 ? 0 : restarts + 1;
      const delay = Math.min(60_000, 1000 * 2 ** restarts);
      log.error({ code, signal, delay }, "local agent exited; restarting");
      setTimeout(() => !stopping && spawnAgent(), delay).unref();
    });
  };
  spawnAgent();
  return {
    pid: () => child?.pid,
    stop: async () => {
      stopping = true;
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          c.kill("SIGKILL");
          resolve();
        }, 5000);
        c.once("exit", () => {
          clearTimeout(t);
          resolve();
        });
        c.kill("SIGTERM");
      });
    },
  };
}
