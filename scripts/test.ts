// `npm test`: every layer in order, each against real parts. Prints one closing
// line "N passed, N failed, N skipped" summing all runners.
//   1 type check and lint   2 native unit + system tests (TAP)
//   3 server tests (vitest, fresh database)
//   4 API and realtime tests against a running server   5 node agents and tasks
//   on simulated nodes with real CTs   6 Playwright e2e in Debian's Chromium
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, freePort, type TestDatabase } from "./test-database";
import { startServer, type ServerProcess } from "../tests/helpers/server-process";
import { CORRALCTL, makeSimNode, nodeTestsSkipReason, type SimNode } from "../tests/helpers/node-sim";

const ROOT = path.resolve(import.meta.dirname, "..");
const RESULTS = path.resolve(ROOT, process.env.CORRAL_TEST_RESULTS || "test-results");
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedStages: string[] = [];
const only = process.argv.slice(2); // e.g. `npm test -- native server`
// CORRAL_TEST_FILES="tests/realtime/console.test.ts e2e/terminal.spec.ts": only
// those test files in the vitest and e2e stages (e2e's first-run spec still
// runs first, as their dependency). For working on a few files; CI runs all.
const onlyFiles = (process.env.CORRAL_TEST_FILES ?? "").split(/\s+/).filter(Boolean);

function run(cmd: string, args: string[], env: Record<string, string> = {}, capture = false): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"] });
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d;
      process.stdout.write(d);
    });
    child.on("exit", (code) => resolve({ code: code ?? 1, out }));
  });
}

function banner(name: string) {
  process.stdout.write(`\n==== ${name} ====\n`);
}

function stageWanted(name: string) {
  return only.length === 0 || only.includes(name);
}

function record(stage: string, code: number, counts?: { passed: number; failed: number; skipped: number }) {
  if (counts) {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
  } else {
    // A stage with no per-test counts (type check, lint) counts as one test.
    if (code === 0) totals.passed++;
    else totals.failed++;
  }
  if (code !== 0) failedStages.push(stage);
}

function vitestCounts(file: string) {
  try {
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + (r.numTodoTests ?? 0) };
  } catch {
    return undefined;
  }
}

function playwrightCounts(file: string) {
  try {
    const s = JSON.parse(fs.readFileSync(file, "utf8")).stats;
    return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
  } catch {
    return undefined;
  }
}

function tapCounts(out: string) {
  const lines = out.split("\n");
  const skipped = lines.filter((l) => /^ok \d+.*# SKIP/i.test(l)).length;
  return {
    passed: lines.filter((l) => /^ok \d+/.test(l)).length - skipped,
    failed: lines.filter((l) => /^not ok \d+/.test(l)).length,
    skipped,
  };
}

async function vitest(project: string, env: Record<string, string>) {
  const out = path.join(RESULTS, `vitest-${project}.json`);
  fs.rmSync(out, { force: true });
  const { code } = await run("npx", ["--no-install", "vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile=${out}`, ...onlyFiles], env);
  record(project, code, vitestCounts(out));
}

// The server under test runs its local agent on a simulated node (its own
// CORRAL_ROOT, bridge, subnet and cgroup parent: tests/helpers/node-sim.ts), so
// API, realtime and e2e tests drive real CTs without touching this machine's node.
async function withServer<T>(db: TestDatabase, fn: (s: ServerProcess, node: SimNode | null) => Promise<T>, env: Record<string, string> = {}): Promise<T> {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), "corral-test-state-"));
  const skip = nodeTestsSkipReason();
  if (skip) process.stdout.write(`no simulated node for this server: ${skip}\n`);
  const node = skip ? null : makeSimNode();
  const cleanup = () => {
    node?.cleanup();
    fs.rmSync(state, { recursive: true, force: true });
  };
  let server: ServerProcess;
  try {
    server = await startServer({
      PORT: String(await freePort()),
      DATABASE_URL: db.url,
      CORRAL_STATE_DIR: state,
      ...(node ? { CORRAL_LOCAL_AGENT: "on", CORRAL_ROOT: node.root, CORRALCTL: CORRALCTL, CORRAL_LOCAL_NODE_NAME: `test-${node.bridge}` } : { CORRAL_LOCAL_AGENT: "off" }),
      CORRAL_ADMIN_EMAIL: undefined,
      CORRAL_ADMIN_PASSWORD: undefined,
      ...env,
    });
  } catch (err) {
    // A server that never came up still leaves the simulated node behind.
    cleanup();
    throw err;
  }
  try {
    return await fn(server, node);
  } finally {
    const { code } = await server.stop();
    if (code !== 0) process.stdout.write(`server exited with ${code} on SIGTERM:\n${server.output().slice(-2000)}\n`);
    cleanup();
  }
}

async function main() {
  fs.mkdirSync(RESULTS, { recursive: true });

  if (stageWanted("static")) {
    banner("type check");
    record("typecheck", (await run("npx", ["--no-install", "tsc", "--noEmit", "-p", "."])).code);
    banner("lint");
    record("lint", (await run("npx", ["--no-install", "eslint", "."])).code);
  }

  if (stageWanted("native")) {
    banner("native: corralctl unit and system tests");
    const { code, out } = await run("make", ["-s", "-C", "native", "test"], {}, true);
    record("native", code, tapCounts(out));
  }

  const databases: TestDatabase[] = [];
  const cleanup = async () => {
    for (const db of databases.splice(0)) await db.drop().catch((e) => console.error(`dropping test database: ${e}`));
  };
  process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

  try {
    if (stageWanted("server")) {
      banner("server tests (real Postgres)");
      const db = await createTestDatabase();
      databases.push(db);
      await vitest("server", { DATABASE_URL: db.url, CORRAL_TEST_DATABASE: "1" });
    }

    if (stageWanted("api") || stageWanted("e2e") || stageWanted("nodes")) {
      banner("building the web app and the agent bundle");
      const build = await run("bash", ["scripts/ensure-build.sh"]);
      // The panels under test run their local agent from build/agent.mjs, as `npm start` does.
      const agent = build.code === 0 ? await run(process.execPath, ["scripts/build-agent.mjs"]) : build;
      record("build", agent.code);
    }

    if (stageWanted("api")) {
      banner("API and realtime tests (running server)");
      const db = await createTestDatabase();
      databases.push(db);
      await withServer(db, (s, node) => vitest("api", { DATABASE_URL: db.url, CORRAL_TEST_URL: s.url, CORRAL_TEST_NODE_ROOT: node?.root ?? "" }));
    }

    if (stageWanted("nodes")) {
      // Node agents and tasks on real CTs: each test file starts its own panels
      // and simulated nodes (tests/helpers/node-sim.ts) against this database.
      banner("node agents and tasks (simulated nodes, real CTs)");
      const db = await createTestDatabase();
      databases.push(db);
      await vitest("nodes", { DATABASE_URL: db.url, CORRAL_TEST_DATABASE: "1" });
    }

    if (stageWanted("e2e")) {
      banner("e2e in Chromium");
      const db = await createTestDatabase();
      databases.push(db);
      await withServer(db, async (s, node) => {
        const out = path.join(RESULTS, "e2e.json");
        fs.rmSync(out, { force: true });
        const { code } = await run("npx", ["--no-install", "playwright", "test", ...onlyFiles], {
          CORRAL_TEST_URL: s.url,
          CORRAL_TEST_SETUP_URL: s.setupUrl ?? "",
          CORRAL_TEST_NODE_ROOT: node?.root ?? "",
          CORRAL_TEST_NODE_NAME: node ? `test-${node.bridge}` : "",
          DATABASE_URL: db.url,
        });
        record("e2e", code, playwrightCounts(out));
      },
        // Chromium logs in from 127.0.0.1 for every spec; the per-IP limit is tested in the api stage.
        { CORRAL_LOGIN_IP_LIMIT: "1000" },
      );
    }
  } finally {
    await cleanup();
  }

  process.stdout.write(`\n${failedStages.length ? `failed stages: ${failedStages.join(", ")}\n` : ""}`);
  process.stdout.write(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  process.exit(failedStages.length ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
