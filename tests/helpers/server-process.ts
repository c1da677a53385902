// Starts the real server (server/index.ts) as a child process for tests, and
// stops it by its own PID. Its local agent runs from the bundle, built first.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { NODE_HEAP_FLAGS } from "@/server/node-heap-flags";
import { agentBundle } from "./agent-bundle";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

export type ServerProcess = {
  url: string;
  setupUrl?: string;
  child: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export type ExitResult = { code: number | null; stdout: string; stderr: string };

function spawnServer(env: Record<string, string | undefined>): ChildProcess {
  const full: Record<string, string | undefined> = { ...process.env, NODE_ENV: "production", LOG_LEVEL: "info", ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete full[k];
  agentBundle();
  return spawn(process.execPath, [...NODE_HEAP_FLAGS, "--import", "tsx", "server/index.ts"], { cwd: ROOT, env: full as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
}

/** Runs the server expecting it to exit by itself (a start that must fail). */
export function runServerToExit(env: Record<string, string | undefined>, timeoutMs = 30_000): Promise<ExitResult> {
  const child = spawnServer(env);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not exit within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export async function startServer(env: Record<string, string | undefined> & { PORT: string }, timeoutMs = 120_000): Promise<ServerProcess> {
  const child = spawnServer(env);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on("exit", (code, signal) => r({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    // A server that never got ready is stopped, not left running behind the failed test.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server not ready within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const check = () => {
      if (out.includes('"msg":"Corral is ready"')) {
        clearTimeout(timer);
        // The setup link is printed right after the ready line; give stdout a tick.
        setTimeout(resolve, 200);
      }
    };
    child.stdout!.on("data", check);
    child.stderr!.on("data", check);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${out}`));
    });
  });
  const url = `http://localhost:${env.PORT}`;
  const setupUrl = out.match(/https?:\/\/\S+\/setup\?token=[\w-]+/)?.[0];
  return {
    url,
    setupUrl,
    child,
    output: () => out,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
