// The measuring half of bench/console (see there). Everything it starts is
// stopped by PID and removed at the end, also on failure.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn as ptySpawn } from "node-pty";
import { io, type Socket } from "socket.io-client";
import { createTestDatabase, freePort } from "../scripts/test-database";
import { startServer } from "../tests/helpers/server-process";

const KEYS = Number(process.argv[2] ?? 500);
const MB = Number(process.argv[3] ?? 100);
// Keys typed before the timed ones. Fresh processes (the panel, the agent and
// this client were started a moment ago) echo slowly until V8 has compiled
// their hot paths: here the median fell from ~1.2 ms over the first 500 keys
// to ~0.55 ms after ~1500, where it stayed (20,000 keys). A panel and an
// agent in service are long past that, so the aim is judged on warm
// processes; the first COLD_KEYS are reported too.
const WARMUP = Number(process.argv[4] ?? 2000);
const COLD_KEYS = 500;
// More `cat` rounds after the first, raw pty and panel in turns: this VM's
// speed drifts within minutes (the raw pty alone ran 62-121 MB/s across
// sessions 9 and 10), so the throughput ratio is the median of same-round pairs.
const CAT_ROUNDS = Number(process.argv[5] ?? 3);

// Never hang the bench on a lost echo: a wait gives up after `ms`.
const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`bench/console: no ${what} within ${ms} ms`)), ms).unref())]);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const us = (ns: number) => `${(ns / 1000).toFixed(0)} µs`;
const mbps = (bytes: number, ns: number) => (bytes / 1e6 / (ns / 1e9)).toFixed(1);

// A text file of `mb` megabytes: terminal-safe lines, no control bytes.
const LINE = `${"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".repeat(2)}\n`;

function writeBigFile(file: string, mb: number) {
  const block = LINE.repeat(Math.ceil(1_048_576 / LINE.length));
  const fd = fs.openSync(file, "w", 0o644);
  let written = 0;
  while (written < mb * 1e6) written += fs.writeSync(fd, block.slice(0, Math.min(block.length, mb * 1e6 - written)));
  fs.closeSync(fd);
}

// Waits until `marker` appears in the stream; returns when it did (hrtime ns).
function markerWatcher(marker: string) {
  const KEEP = marker.length + 64;
  let tail = "";
  let resolve: ((t: bigint) => void) | undefined;
  let bytes = 0;
  let chunks = 0;
  return {
    feed(chunk: Buffer | string) {
      bytes += chunk.length;
      chunks++;
      // Only a chunk's end can hold the marker (with the kept tail): decoding
      // and joining whole chunks cost this process ~0.7 s of CPU per 100 MB,
      // taken from the processes measured on a 2-CPU machine.
      const end = typeof chunk === "string" ? chunk.slice(-KEEP) : chunk.subarray(Math.max(0, chunk.length - KEEP)).toString("latin1");
      tail = (tail + end).slice(-KEEP);
      if (resolve && tail.includes(marker)) {
        const r = resolve;
        resolve = undefined;
        r(process.hrtime.bigint());
      }
    },
    wait: () => new Promise<bigint>((r) => (resolve = r)),
    bytes: () => bytes,
    chunks: () => chunks,
    reset: () => {
      tail = "";
      bytes = 0;
      chunks = 0;
    },
  };
}

// Types WARMUP + KEYS keys, each once the previous one's echo is back, with a
// Ctrl-U every 50 keys to keep the line short. `onEcho` is called with the
// resolver for the next echo. Returns the round trips (ns) of the first
// COLD_KEYS and of the last KEYS; `timed` runs when the timed keys start.
async function timeKeys(what: string, send: (keys: string) => void, onEcho: (r: (() => void) | undefined) => void, timed?: () => void) {
  const all: number[] = [];
  for (let i = 0; i < WARMUP + KEYS; i++) {
    if (i === WARMUP) timed?.();
    const got = new Promise<void>((r) => onEcho(r));
    const t0 = process.hrtime.bigint();
    send("a");
    await within(got, 5000, `echo from ${what}`);
    all.push(Number(process.hrtime.bigint() - t0));
    if (i % 50 === 49) {
      send("\x15"); // Ctrl-U
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  onEcho(undefined);
  return { cold: all.slice(0, COLD_KEYS), rtts: all.slice(WARMUP) };
}

async function rawPty(bigFile: string) {
  // Key echo: canonical mode, the tty echoes the key by itself.
  const p = ptySpawn("/bin/cat", [], { cols: 120, rows: 40, encoding: null, env: { PATH: "/usr/bin:/bin" } });
  let waiting: (() => void) | undefined;
  p.onData(() => waiting?.());
  const keys = await timeKeys("the raw pty", (k) => p.write(k), (r) => (waiting = r));
  p.kill();
  return { ...keys, ...(await rawCat(bigFile)) };
}

// Throughput: cat of the file on a fresh pty, until the marker after it. The
// shell then sleeps: node-pty drops the last output of a child that exits at
// once (node-pty issue 72), which would lose the marker.
async function rawCat(bigFile: string) {
  const c = ptySpawn("/bin/sh", ["-c", `cat ${bigFile}; echo DONE-""MARK; exec sleep 600`], { cols: 120, rows: 40, encoding: null, env: { PATH: "/usr/bin:/bin" } });
  const w = markerWatcher("DONE-MARK");
  c.onData((d) => w.feed(d));
  const t0 = process.hrtime.bigint();
  const t1 = await within(w.wait(), 300_000, "end of cat on the raw pty");
  c.kill();
  return { catNs: Number(t1 - t0), catBytes: w.bytes(), catChunks: w.chunks() };
}

// node-pty running `corralctl enter` on the node directly: the CT's own cost
// (its pty, the shell's echo), so the panel's share can be told apart.
async function directEnter(bin: string, root: string, ctid: number, ctFile: string) {
  const p = ptySpawn(bin, ["-q", "--root", root, "enter", String(ctid)], { cols: 120, rows: 40, encoding: null, env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", TERM: "xterm-256color" } });
  let onData: ((d: Buffer) => void) | undefined;
  p.onData((d) => onData?.(d as unknown as Buffer));
  await new Promise((r) => setTimeout(r, 1000));
  const keys = await timeKeys("corralctl enter", (k) => p.write(k), (r) => (onData = r && (() => r())));
  p.write("\x15");
  await new Promise((r) => setTimeout(r, 200));
  const m = markerWatcher("DONE-MARK");
  onData = (d) => m.feed(d);
  const done = m.wait();
  const t0 = process.hrtime.bigint();
  p.write(`cat ${ctFile}; echo DONE-""MARK\r`);
  const t1 = await within(done, 300_000, "end of cat in corralctl enter");
  p.write("exit\r");
  return { ...keys, catNs: Number(t1 - t0), catBytes: m.bytes(), catChunks: m.chunks() };
}

// CPU time (user + system) a process has used, in ms (clock ticks of 10 ms).
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

async function viaPanel(sock: Socket, ctFile: string, pids: { panel: number; agent: number }) {
  // The client's own (this process: socket.io client, as a browser's would be).
  const selfMs = () => {
    const u = process.cpuUsage();
    return Math.round((u.user + u.system) / 1000);
  };
  const cpu = () => ({ panel: cpuMs(pids.panel), agent: cpuMs(pids.agent), client: selfMs() });
  const used = (a: ReturnType<typeof cpu>, b: ReturnType<typeof cpu>) => ({ panel: b.panel - a.panel, agent: b.agent - a.agent, client: b.client - a.client });
  let onData: ((d: Buffer) => void) | undefined;
  // Acknowledge like the browser's hook does after drawing: in batches of 32 KiB or 50 ms.
  let unacked = 0;
  let ackTimer: NodeJS.Timeout | undefined;
  const flushAck = () => {
    ackTimer = undefined;
    if (unacked > 0) sock.emit("control", { type: "ack", bytes: unacked });
    unacked = 0;
  };
  sock.on("data", (d: Buffer) => {
    unacked += d.length;
    if (unacked >= 32 * 1024) flushAck();
    else ackTimer ??= setTimeout(flushAck, 50);
    onData?.(d);
  });
  // Wait for the prompt, then measure one key at a time.
  await new Promise((r) => setTimeout(r, 1000));
  // What the panel and agent use doing nothing for us (metrics, rechecks), for comparison.
  const idleCpu0 = cpu();
  const idleT0 = performance.now();
  await new Promise((r) => setTimeout(r, 2000));
  const idleCpu = used(idleCpu0, cpu());
  const idleMs = performance.now() - idleT0;
  let keysCpu0 = cpu();
  let keysT0 = performance.now();
  const timed = () => {
    keysCpu0 = cpu();
    keysT0 = performance.now();
  };
  // Typed keys go as a string, as the browser's hook sends them.
  const keys = await timeKeys("the panel", (k) => sock.emit("data", k), (r) => (onData = r && (() => r())), timed);
  const keysCpu = used(keysCpu0, cpu());
  const keysMs = performance.now() - keysT0;
  sock.emit("data", "\x15");
  await new Promise((r) => setTimeout(r, 200));
  // The same text as the host's file, written inside the CT (not timed).
  const made = markerWatcher("MADE-IT");
  onData = (d) => made.feed(d);
  const madeAt = made.wait();
  sock.emit("data", `yes ${LINE.trimEnd()} | head -c ${MB * 1_000_000} > ${ctFile}; echo MADE-""IT\r`);
  await within(madeAt, 300_000, "test file written in the CT");
  // One cat of the file in the CT's shell, until the marker after it.
  const catOnce = async () => {
    const m = markerWatcher("DONE-MARK");
    let head = "";
    onData = (d) => {
      if (head.length < 400) head += d.toString();
      m.feed(d);
    };
    const done = m.wait();
    const catCpu0 = cpu();
    const t0 = process.hrtime.bigint();
    sock.emit("data", `cat ${ctFile}; echo DONE-""MARK\r`);
    const t1 = await within(done, 300_000, "end of cat through the panel");
    const catCpu = used(catCpu0, cpu());
    if (process.env.BENCH_DEBUG) console.log(JSON.stringify(head));
    return { catNs: Number(t1 - t0), catBytes: m.bytes(), catChunks: m.chunks(), catCpu };
  };
  return { ...keys, ...(await catOnce()), keysCpu, keysMs, idleCpu, idleMs, catOnce };
}

async function main() {
  const { startConsoleNode } = await import("../tests/helpers/console-node");
  const { makeCustomer } = await import("../tests/helpers/fixtures");
  const { logInFresh } = await import("../tests/helpers/http");
  const { issueConsoleTicket } = await import("../server/console/issue-console-ticket");
  const { disconnectDb } = await import("../server/db/client");

  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  const state = fs.mkdtempSync(path.join(os.tmpdir(), "corral-bench-state-"));
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let node: Awaited<ReturnType<typeof startConsoleNode>> | undefined;
  const bigHost = path.join(os.tmpdir(), `corral-bench-${process.pid}.txt`);
  let sock: Socket | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      sock?.close();
      fs.rmSync(bigHost, { force: true });
      await node?.cleanup();
      await disconnectDb();
      await server?.stop();
      await database.drop();
      fs.rmSync(state, { recursive: true, force: true });
    })());
  // Interrupted (Ctrl-C, timeout): still remove the CT, agent, panel and database.
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => void cleanup().finally(() => process.exit(130)));
  try {
    // LOG_LEVEL info: startServer waits for the "ready" log line (kept in memory, not printed).
    server = await startServer({ PORT: String(await freePort()), DATABASE_URL: database.url, CORRAL_STATE_DIR: state, CORRAL_LOCAL_AGENT: "off", LOG_LEVEL: "info", CORRAL_ADMIN_EMAIL: undefined, CORRAL_ADMIN_PASSWORD: undefined });
    process.env.CORRAL_TEST_URL = server.url;
    process.stderr.write("bench/console: panel ready, starting a node and a CT…\n");
    node = await startConsoleNode(server.url);
    const customer = await makeCustomer();
    const ct = await node.makeCt(customer.tenant.id);
    writeBigFile(bigHost, MB);
    const ctFile = "/bench.txt";
    const cookie = await logInFresh(customer.owner.user.email, customer.owner.user.password);
    const { ticket } = await issueConsoleTicket(customer.owner.actor, { ctId: ct.id, kind: "shell" });
    sock = io(`${server.url}/console`, { transports: ["websocket"], reconnection: false, extraHeaders: { origin: server.url, cookie }, auth: { ticket, ctId: ct.id, kind: "shell", cols: 120, rows: 40 } });
    await new Promise<void>((resolve, reject) => {
      sock!.once("connect", () => resolve());
      sock!.once("connect_error", reject);
    });

    const phase = (name: string) => process.stderr.write(`bench/console: ${name}…\n`);
    phase("raw pty");
    const raw = await rawPty(bigHost);
    phase("panel shell");
    const ours = await viaPanel(sock, ctFile, { panel: server.child.pid!, agent: node.agent.child.pid! });
    phase("corralctl enter");
    const { CORRALCTL } = await import("../tests/helpers/node-sim");
    const direct = await directEnter(CORRALCTL, node.sim.root, ct.ctid, ctFile);
    // Throughput in turns: the first pair above, then CAT_ROUNDS more.
    const pairs = [{ raw: raw.catNs, ours: ours.catNs }];
    for (let r = 1; r <= CAT_ROUNDS; r++) {
      phase(`cat in turns, round ${r} of ${CAT_ROUNDS}`);
      const rawNs = (await rawCat(bigHost)).catNs;
      pairs.push({ raw: rawNs, ours: (await ours.catOnce()).catNs });
    }
    const ratios = pairs.map((x) => x.raw / x.ours);
    const line = (name: string, r: typeof raw) =>
      `${name.padEnd(34)} key RTT median ${us(pct(r.rtts, 50)).padStart(8)}  p99 ${us(pct(r.rtts, 99)).padStart(8)} (fresh ${us(pct(r.cold, 50)).padStart(8)})   cat ${MB} MB: ${mbps(MB * 1e6, r.catNs).padStart(6)} MB/s (${(r.catBytes / 1e6).toFixed(0)} MB of tty output in ${r.catChunks} chunks)`;
    console.log(`bench/console: ${KEYS} keys timed after ${WARMUP} untimed ("fresh": median of the first ${COLD_KEYS} of all), cat of ${MB} MB, ${os.cpus().length} CPUs`);
    console.log(line("raw pty (node-pty, cat)", raw));
    console.log(line("corralctl enter on node-pty", direct));
    console.log(line("panel shell (socket.io->agent->CT)", ours));
    console.log(
      `ratios: key RTT median ${(pct(ours.rtts, 50) / pct(raw.rtts, 50)).toFixed(1)}x (+${us(pct(ours.rtts, 50) - pct(raw.rtts, 50))}), p99 ${(pct(ours.rtts, 99) / pct(raw.rtts, 99)).toFixed(1)}x (+${us(pct(ours.rtts, 99) - pct(raw.rtts, 99))}), fresh processes +${us(pct(ours.cold, 50) - pct(raw.cold, 50))}; throughput ${pct(ratios, 50).toFixed(2)} of raw (median of ${pairs.length} rounds in turns)`,
    );
    console.log(
      `cat ${MB} MB in turns, MB/s raw / panel (ratio): ${pairs.map((x, i) => `${mbps(MB * 1e6, x.raw)} / ${mbps(MB * 1e6, x.ours)} (${ratios[i]!.toFixed(2)})`).join(", ")}`,
    );
    console.log(
      `CPU time: idle ${ours.idleMs.toFixed(0)} ms: panel ${ours.idleCpu.panel} ms, agent ${ours.idleCpu.agent} ms; ${KEYS} keys in ${ours.keysMs.toFixed(0)} ms: panel ${ours.keysCpu.panel} ms, agent ${ours.keysCpu.agent} ms, client ${ours.keysCpu.client} ms; cat ${MB} MB: panel ${ours.catCpu.panel} ms, agent ${ours.catCpu.agent} ms, client ${ours.catCpu.client} ms`,
    );
    console.log(
      `panel's own share (vs corralctl enter on node-pty): key RTT median +${us(pct(ours.rtts, 50) - pct(direct.rtts, 50))}, p99 +${us(pct(ours.rtts, 99) - pct(direct.rtts, 99))}; throughput ${(direct.catNs / ours.catNs).toFixed(2)} of direct`,
    );
  } finally {
    if (process.env.BENCH_DEBUG) console.log(node?.agent.output().slice(-2000));
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
