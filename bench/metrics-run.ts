// bench/metrics: what live metrics cost. A panel with its local agent on a
// simulated node; N busybox CTs running (10, 100, 500); CPU time (run time
// from /proc/PID/task/*/schedstat) of the panel process, the agent process and its one
// `corralctl stats --interval` child over a window, as % of one core. Then
// 1 versus 50 socket.io viewers on one CT: the agent's and corralctl's cost
// must not move (sampling is per CT, never per viewer); the panel pays one
// socket write per viewer per second. Run by hand as root: bash bench/metrics
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { createTestDatabase, freePort } from "../scripts/test-database";
import { CORRALCTL, copyCorralctl, makeSimNode, waitFor } from "../tests/helpers/node-sim";

// The bench's own copy of corralctl, outside /tmp: a rebuild of native/ or
// another run's cleanup must not pull the binary from under 500 CTs. The
// simulated node's helper keeps its own copy; put it back if it vanished.
const BUILT = process.env.CORRALCTL || path.resolve(import.meta.dirname, "..", "native", "build", "corralctl");
const WORK = fs.mkdtempSync("/var/tmp/corral-bench-metrics-");
const BIN = path.join(WORK, "corralctl");
copyCorralctl(BUILT, BIN);
function keepHelperBinary() {
  if (fs.existsSync(CORRALCTL) && fs.existsSync(path.join(path.dirname(CORRALCTL), "corralctl-dynamic"))) return;
  fs.mkdirSync(path.dirname(CORRALCTL), { recursive: true });
  copyCorralctl(BIN, CORRALCTL);
}
import { startServer } from "../tests/helpers/server-process";
import { AGENT_BUNDLE } from "@/server/nodes/agent-command";

// The sampler probe, bundled the way the agent is (scripts/build-agent.mjs),
// so its figure is what a node pays.
const SAMPLER = path.resolve(import.meta.dirname, "..", "build", "bench-metrics-sampler.mjs");
execFileSync(process.execPath, [path.resolve(import.meta.dirname, "..", "scripts", "build-agent.mjs"), "bench/metrics-sampler.ts", SAMPLER], { stdio: "inherit" });

const COUNTS = (process.env.COUNTS ?? "10 100 500").split(/\s+/).filter(Boolean).map(Number);
const WINDOW_S = Number(process.env.WINDOW ?? 20);
const VIEWERS = (process.env.VIEWERS ?? "1 50").split(/\s+/).filter(Boolean).map(Number);
// PROFILE=DIR: the panel runs with a CPU profiler writing into DIR, and the
// measurement windows go to DIR/windows.json (monotonic µs, the profiles'
// clock) so bench/metrics-profile.ts can keep only the samples inside them.
const PROFILE = process.env.PROFILE ? path.resolve(process.env.PROFILE) : undefined;
// THREADS=1: also print the panel's CPU per thread name for each window.
const THREADS = process.env.THREADS === "1";
const windows: { label: string; fromUs: number; toUs: number }[] = [];
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

// Nanoseconds the process (all its threads) has run on a CPU: schedstat's
// first field, finer than /proc/PID/stat's 10 ms ticks.
function cpuNs(pid: number): number {
  try {
    let total = 0;
    for (const t of fs.readdirSync(`/proc/${pid}/task`)) total += Number(fs.readFileSync(`/proc/${pid}/task/${t}/schedstat`, "utf8").split(" ")[0]);
    return total;
  } catch {
    return NaN;
  }
}

function childOf(ppid: number, match: string): number | null {
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      if (Number(s.slice(s.lastIndexOf(")") + 2).split(" ")[1]) !== ppid) continue;
      if (fs.readFileSync(`/proc/${d}/cmdline`, "utf8").includes(match)) return Number(d);
    } catch {
      // Gone while we looked.
    }
  }
  return null;
}

// Run time per thread name (main JS thread, V8 GC helpers, libuv pool...).
function threadNs(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const t of fs.readdirSync(`/proc/${pid}/task`)) {
      const comm = fs.readFileSync(`/proc/${pid}/task/${t}/comm`, "utf8").trim();
      out.set(comm, (out.get(comm) ?? 0) + Number(fs.readFileSync(`/proc/${pid}/task/${t}/schedstat`, "utf8").split(" ")[0]));
    }
  } catch {
    // Gone while we looked.
  }
  return out;
}

// Until the processes' CPU rate is steady: right after CTs are created the
// panel is still reconciling them and compiling code it had not run, and a
// fresh sampler opens every CT's files; none of that is the steady cost of
// sampling. Two consecutive 4 s windows within 25% (or 0.1% of a core) of
// each other, at most 60 s; how long it took goes to stderr.
async function settle(pids: Record<string, number>, what: string): Promise<void> {
  const total = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
  const t0 = Date.now();
  let last = total(await measure(pids, 4));
  for (;;) {
    const now = total(await measure(pids, 4));
    if (Math.abs(now - last) <= Math.max(0.1, 0.25 * last) || Date.now() - t0 > 60_000) {
      process.stderr.write(`${what}: steady after ${((Date.now() - t0) / 1000).toFixed(0)} s (${now.toFixed(2)}% of a core)\n`);
      return;
    }
    last = now;
  }
}

async function measure(pids: Record<string, number>, seconds: number, label = ""): Promise<Record<string, number>> {
  const a = Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, cpuNs(p)]));
  const threadsBefore = THREADS && pids.panel ? threadNs(pids.panel) : undefined;
  const t0 = process.hrtime.bigint();
  const fromUs = nowUs();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  if (label) windows.push({ label, fromUs, toUs: nowUs() });
  if (threadsBefore) {
    const after = threadNs(pids.panel!);
    const dtS = (nowUs() - fromUs) / 1e6;
    const parts = [...after].map(([k, v]) => [k, ((v - (threadsBefore.get(k) ?? 0)) / 1e9 / dtS) * 100] as const).filter(([, x]) => x >= 0.01).sort((x, y) => y[1] - x[1]);
    process.stderr.write(`panel threads, ${label}: ${parts.map(([k, x]) => `${k} ${x.toFixed(2)}%`).join(", ")}\n`);
  }
  const dt = Number(process.hrtime.bigint() - t0) / 1e9;
  return Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, ((cpuNs(p) - a[k]!) / 1e9 / dt) * 100]));
}

const pct = (v: number) => `${v.toFixed(2)}%`.padStart(9);

async function main() {
  if (process.getuid?.() !== 0) throw new Error("run as root (CTs need namespaces and cgroups)");
  const database = await createTestDatabase(process.env.BENCH_DATABASE_URL);
  process.env.DATABASE_URL = database.url;
  const { db } = await import("@/server/db/client");
  const { createUser } = await import("@/server/auth/create-user");
  keepHelperBinary();
  const node = makeSimNode();
  const state = fs.mkdtempSync(path.join(os.tmpdir(), "corral-bench-metrics-"));
  const name = `bench-${process.pid}`;
  const sockets: Socket[] = [];
  let panel: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    panel = await startServer({
    PORT: String(await freePort()),
    DATABASE_URL: database.url,
    CORRAL_STATE_DIR: state,
    CORRAL_ROOT: node.root,
    CORRAL_LOCAL_AGENT: "on",
    CORRAL_LOCAL_NODE_NAME: name,
    CORRALCTL: BIN,
    CORRAL_ADMIN_EMAIL: undefined,
    CORRAL_ADMIN_PASSWORD: undefined,
    // NODE_OPTIONS refuses --cpu-prof; the hook starts the same profiler.
    ...(PROFILE ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${path.join(import.meta.dirname, "cpu-prof-hook.mjs")}`.trim(), CORRAL_BENCH_PROFILE_DIR: PROFILE } : {}),
  });
    const nodeRow = await waitFor("local node online", async () => {
      const n = await db().node.findUnique({ where: { name } });
      return n?.status === "ONLINE" ? n : null;
    }, 60_000);
    const tenant = await db().tenant.create({ data: { name, slug: name } });
    const user = await createUser({ email: `${name}@example.test`, name, password: "a long bench password", role: "owner" });
    await db().user.update({ where: { id: user.id }, data: { tenantId: tenant.id } });
    const res = await fetch(`${panel.url}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: panel.url }, body: JSON.stringify({ email: user.email, password: "a long bench password" }) });
    if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

    const panelPid = panel.child.pid!;
    const agentPid = await waitFor("agent process", () => childOf(panelPid, AGENT_BUNDLE), 30_000);
    const pids = () => ({ panel: panelPid, agent: agentPid, corralctl: childOf(agentPid, "stats") ?? -1 });
    const ctIds: string[] = [];
    let running = 0;
    const rows: string[] = [];
    const costs: Record<number, Record<string, number>> = {};
    let viewerRows: string[] = [];

    for (const n of COUNTS) {
      process.stderr.write(`starting CTs up to ${n}…\n`);
      while (running < n) {
        const ctid = 2000 + running;
        execFileSync(BIN, ["--root", node.root, "create", String(ctid), "--ostemplate", "busybox", "--layout", "dir", "--ram", String(64 * 2 ** 20)], { stdio: "ignore" });
        execFileSync(BIN, ["--root", node.root, "start", String(ctid)], { stdio: "ignore" });
        const ct = await db().ct.create({ data: { ctid, tenantId: tenant.id, nodeId: nodeRow.id, hostname: `b${ctid}`, ostemplate: "busybox", state: "RUNNING", ramBytes: BigInt(64 * 2 ** 20), swapBytes: 0n, diskBytes: 2n ** 30n, diskInodes: 0n, onboot: false } });
        ctIds.push(ct.id);
        running++;
      }
      // Let the panel's CT cache and the sampler's CT list catch up.
      await new Promise((r) => setTimeout(r, 8000));
      await settle(pids(), `${n} CTs`);
      costs[n] = await measure(pids(), WINDOW_S, `${n} CTs`);
      // The sampler alone, as the agent runs it (bundled, plain node), without the agent's other work.
      const probeStart = Date.now();
      const probe = spawn(process.execPath, [SAMPLER, node.root, BIN], { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      probe.stdout!.on("data", (d) => (out += d));
      await new Promise((r) => setTimeout(r, 6000));
      const probePids = { sampler: probe.pid!, ctl: childOf(probe.pid!, "stats") ?? -1 };
      await settle(probePids, `${n} CTs, sampler alone`);
      const s = await measure(probePids, WINDOW_S);
      // "close", not "exit": the byte count may still be in the pipe at exit.
      const probeSeconds = (Date.now() - probeStart) / 1000;
      await new Promise<void>((r) => (probe.once("close", () => r()), probe.kill("SIGTERM")));
      const c = costs[n]!;
      c.sampler = s.sampler!;
      c.samplerCtl = s.ctl!;
      // The last line is the byte count; the sampler logs on stdout before it.
      c.batchKiB = Number(out.trim().split("\n").at(-1)) / 1024 / probeSeconds;
      rows.push(
        `${String(n).padStart(5)} ${pct(c.panel!)} ${pct(c.agent!)} ${pct(c.corralctl!)} ${pct(c.panel! + c.agent! + c.corralctl!)}   ${pct(c.sampler)} ${pct(c.samplerCtl)} ${pct(c.sampler + c.samplerCtl + c.panel!)} ${c.batchKiB.toFixed(0).padStart(7)}`,
      );

      if (n === COUNTS[0]) {
        // Viewers on one CT, at the smallest count so the per-viewer cost stands out.
        const v: Record<number, Record<string, number> & { msgs: number }> = {};
        for (const count of VIEWERS) {
          let msgs = 0;
          while (sockets.length < count) {
            const s = connect(`${panel.url}/metrics`, { transports: ["websocket"], extraHeaders: { cookie, origin: panel.url }, reconnection: false });
            await new Promise<void>((r, j) => (s.once("connect", () => r()), s.once("connect_error", j)));
            const r = await s.timeout(10_000).emitWithAck("control", { op: "join", ctIds: [ctIds[0]], recent: false });
            if (!r.ok) throw new Error(`join refused: ${JSON.stringify(r)}`);
            sockets.push(s);
          }
          sockets.forEach((s) => s.removeAllListeners("data").on("data", () => msgs++));
          const m = await measure(pids(), WINDOW_S, `${count} viewers`);
          v[count] = { ...m, msgs };
        }
        const first = v[VIEWERS[0]!]!;
        viewerRows = VIEWERS.map((count) => {
          const x = v[count]!;
          const r = (k: string) => `${(x[k]! / Math.max(first[k]!, 0.001)).toFixed(2)}x`.padStart(7);
          return `${String(count).padStart(7)} ${pct(x.panel!)} ${pct(x.agent!)} ${pct(x.corralctl!)} ${String(Math.round(x.msgs / WINDOW_S)).padStart(8)}/s   ${r("panel")} ${r("agent")} ${r("corralctl")}`;
        });
        sockets.splice(0).forEach((s) => s.close());
      }
    }

    const base = costs[COUNTS[0]!]!;
    console.log(`\nbench/metrics: CPU time per second of wall time (% of one core), ${WINDOW_S} s windows, 1 s sampling, ${os.availableParallelism()} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    console.log(`\n  CTs  ---- whole panel and agent processes ----   ------- metrics only --------   batch   metrics vs`);
    console.log(`         panel     agent corralctl     total     sampler corralctl  +panel    KiB/s   ${COUNTS[0]} CTs`);
    rows.forEach((r, i) => {
      const c = costs[COUNTS[i]!]!;
      const t = c.sampler! + c.samplerCtl! + c.panel!;
      console.log(`${r}   ${(t / (base.sampler! + base.samplerCtl! + base.panel!)).toFixed(2)}x`);
    });
    console.log(`\nviewers on one CT (${COUNTS[0]} CTs running):`);
    console.log(`viewers     panel     agent corralctl  messages    panel   agent corralctl (vs ${VIEWERS[0]} viewer)`);
    viewerRows.forEach((r) => console.log(r));
    console.log("\n# whole processes: the agent column includes its CT-state watch (corralctl list + one status per running");
    console.log("# CT every 3 s), which is not metrics. metrics only: the agent's sampler run alone (bench/metrics-sampler.ts)");
    console.log("# and its corralctl child; +panel adds the whole panel process (an upper bound on its metrics share).");
    console.log("# Aim: metrics under 2% of one core at 500 CTs; viewer ratio ~1.00x for agent and corralctl.");
  } finally {
    sockets.forEach((s) => s.close());
    await panel?.stop();
    if (PROFILE) {
      fs.mkdirSync(PROFILE, { recursive: true });
      fs.writeFileSync(path.join(PROFILE, "windows.json"), JSON.stringify(windows));
      console.log(`\nprofiles in ${PROFILE}: npx tsx bench/metrics-profile.ts ${PROFILE}`);
    }
    keepHelperBinary();
    node.cleanup();
    fs.rmSync(WORK, { recursive: true, force: true });
    fs.rmSync(state, { recursive: true, force: true });
    await database.drop().catch(() => {});
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
