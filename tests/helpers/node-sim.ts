// Simulated nodes on this machine for the node system tests: each has its own
// CORRAL_ROOT, bridge, subnet, cgroup parent, veth prefix and ID range (the
// node.conf keys of native/src/lib/node-config.h), a busybox template, and an
// agent process started and stopped by its own PID. Cleanup removes every CT
// (corralctl stop + destroy), the bridge, nft table, cgroups and the root.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NODE_HEAP_FLAGS } from "@/server/node-heap-flags";
import { agentBundle } from "./agent-bundle";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BUILT = process.env.CORRALCTL || path.join(ROOT, "native", "build", "corralctl");

// corralctl runs its archive commands in corralctl-dynamic beside it
// (native/README.md), so a copy of it is a copy of both.
const TWIN = "corralctl-dynamic";
export function copyCorralctl(fromBin: string, toBin: string) {
  for (const [from, to] of [[fromBin, toBin], [path.join(path.dirname(fromBin), TWIN), path.join(path.dirname(toBin), TWIN)]] as const) {
    fs.copyFileSync(from, to);
    fs.chmodSync(to, 0o755);
  }
}

// A private copy of the binaries, in a directory named by their content:
// `make -C native` may relink the build's files at any moment, and CT
// monitors keep running from the binary that started them. One copy per
// build, shared by test runs; copies of older builds are removed after a day.
function stableCopy(): string {
  for (let i = 0; i < 50; i++) {
    try {
      execFileSync(BUILT, ["--help"], { stdio: "ignore" });
      const hash = crypto.createHash("sha256").update(fs.readFileSync(BUILT)).update(fs.readFileSync(path.join(path.dirname(BUILT), TWIN)));
      const dir = path.join(os.tmpdir(), `corralctl-nodetest-${hash.digest("hex").slice(0, 16)}`);
      if (!fs.existsSync(path.join(dir, "corralctl"))) {
        const tmp = `${dir}.${process.pid}.tmp`;
        fs.rmSync(tmp, { recursive: true, force: true });
        fs.mkdirSync(tmp, { mode: 0o755 });
        copyCorralctl(BUILT, path.join(tmp, "corralctl"));
        try {
          fs.renameSync(tmp, dir);
        } catch {
          fs.rmSync(tmp, { recursive: true, force: true }); // another run put it there first
        }
      }
      for (const f of fs.readdirSync(os.tmpdir())) {
        const old = path.join(os.tmpdir(), f);
        if (f.startsWith("corralctl-nodetest-") && old !== dir && Date.now() - fs.statSync(old).mtimeMs > 86_400_000) fs.rmSync(old, { recursive: true, force: true });
      }
      return path.join(dir, "corralctl");
    } catch {
      execFileSync("sleep", ["0.2"]);
    }
  }
  return BUILT;
}
export const CORRALCTL = fs.existsSync(BUILT) ? stableCopy() : BUILT;

export type SimNode = {
  root: string;
  bridge: string;
  subnetPrefix: string;
  ctl: (...args: string[]) => string;
  ctlJson: <T = unknown>(...args: string[]) => T;
  initPid: (ctid: number) => number | null;
  cleanup: () => void;
};

let seq = 0;

/** Why the node tests cannot run here, or null when they can. */
export function nodeTestsSkipReason(): string | null {
  if (process.getuid?.() !== 0) return "needs root for namespaces, bridges and cgroups";
  if (!fs.existsSync(CORRALCTL)) return `corralctl not built (${BUILT}); run make -C native`;
  try {
    const probe = fs.mkdtempSync(path.join(os.tmpdir(), "corral-probe-"));
    try {
      execFileSync(CORRALCTL, ["-j", "--root", probe, "list", "-a"], { stdio: "pipe" });
    } finally {
      fs.rmSync(probe, { recursive: true, force: true });
    }
  } catch {
    return "`corralctl list -a -j` fails on this build";
  }
  return null;
}

/** idmapBase: give two nodes the same ID range when a test migrates image-layout CTs between them. */
export function makeSimNode(o: { idmapBase?: number } = {}): SimNode {
  const n = ++seq;
  const tag = `${process.pid % 1000}${n}`;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "corral-node-"));
  fs.chmodSync(root, 0o755); // a CT's root user must be able to walk to its tree
  const bridge = `cnt${tag}`.slice(0, 15);
  const subnetPrefix = `10.${215 + n}.${process.pid % 250}.`;
  const cgroupParent = `corral-nodetest-${process.pid}-${n}`;
  fs.writeFileSync(
    path.join(root, "node.conf"),
    [`BRIDGE=${bridge}`, `SUBNET=${subnetPrefix}0/24`, `CGROUP_PARENT=${cgroupParent}`, `IDMAP_BASE=${o.idmapBase ?? 400_000_000 + n * 100_000_000}`, `VETH_PREFIX=n${n}`, "STOP_TIMEOUT=5", ""].join("\n"),
  );
  const ctl = (...args: string[]) => execFileSync(CORRALCTL, ["--root", root, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const ctlJson = <T>(...args: string[]) => JSON.parse(execFileSync(CORRALCTL, ["-j", "--root", root, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })) as T;
  ctl("template", "build", "busybox");
  return {
    root,
    bridge,
    subnetPrefix,
    ctl,
    ctlJson,
    initPid: (ctid) => {
      try {
        return ctlJson<{ running: boolean; init_pid?: number }>("status", String(ctid)).init_pid ?? null;
      } catch {
        return null;
      }
    },
    cleanup: () => {
      for (const f of fs.existsSync(path.join(root, "conf")) ? fs.readdirSync(path.join(root, "conf")) : []) {
        const m = f.match(/^(\d+)\.conf$/);
        if (!m) continue;
        for (const args of [["stop", "--fast", m[1]!], ["destroy", m[1]!]]) {
          try {
            ctl(...args);
          } catch {
            // Already stopped or gone.
          }
        }
      }
      // The node's lxcfs (started by the first CT start; native/src/lib/lxcfs.c): by its PID.
      const lxPidFile = path.join(root, "run", "lxcfs.pid");
      const lx = fs.existsSync(lxPidFile) ? Number(fs.readFileSync(lxPidFile, "utf8").trim()) : 0;
      if (lx > 1) {
        try {
          process.kill(lx, "SIGTERM");
          for (let i = 0; i < 20; i++) {
            process.kill(lx, 0);
            execFileSync("sleep", ["0.1"]);
          }
        } catch {
          // Gone.
        }
      }
      for (const cmd of [["umount", "-l", path.join(root, "lxcfs")], ["ip", "link", "del", bridge], ["nft", "delete", "table", "bridge", `corral_${bridge}`]]) {
        try {
          execFileSync(cmd[0]!, cmd.slice(1), { stdio: "ignore" });
        } catch {
          // Never created.
        }
      }
      // Our cgroup parent in every hierarchy (v1 controllers, named ones and the unified one), deepest
      // first. An exited monitor stays in its cgroup until the host's PID 1 reaps it (slow here), so
      // retry the whole set until it is gone or 10 s passed: retrying one hierarchy at a time gave the
      // first one (blkio, alphabetically) too little time and left empty directories there.
      const leftovers = (): string[] =>
        (fs.existsSync("/sys/fs/cgroup") ? fs.readdirSync("/sys/fs/cgroup") : [])
          .map((h) => path.join("/sys/fs/cgroup", h, cgroupParent))
          .filter((d) => fs.existsSync(d));
      const dirs = (p: string): string[] => fs.readdirSync(p, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => [...dirs(path.join(p, e.name)), path.join(p, e.name)]);
      for (let i = 0; i < 100; i++) {
        const left = leftovers();
        if (left.length === 0) break;
        for (const d of left) {
          for (const sub of [...dirs(d), d]) {
            try {
              fs.rmdirSync(sub);
            } catch {
              // Still busy (or already gone): the next round retries.
            }
          }
        }
        if (leftovers().length > 0) execFileSync("sleep", ["0.1"]);
      }
      if (!fs.readFileSync("/proc/self/mountinfo", "utf8").includes(` ${root}/`)) fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export type AgentProcess = { child: ChildProcess; output: () => string; kill: (signal?: NodeJS.Signals) => Promise<void> };

/** Starts a node agent the way an admin would on a new node; stopped by its own PID. */
export function startAgent(panelUrl: string, token: string, root: string): AgentProcess {
  const child = spawn(process.execPath, [...NODE_HEAP_FLAGS, agentBundle(), "--panel", panelUrl, "--root", root, "--watch-interval", "1000"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CORRAL_AGENT_TOKEN: token, LOG_LEVEL: "info", CORRALCTL } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return {
    child,
    output: () => out,
    kill: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
