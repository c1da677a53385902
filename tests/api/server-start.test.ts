// The start itself: bad configuration, an unreachable database and a taken port
// each end in one line that says what to do; SIGTERM leaves nothing behind and
// the embedded Postgres keeps its data across restarts.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/test-database";
import { runServerToExit, startServer } from "../helpers/server-process";

const tmpDirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "corral-start-"));
  tmpDirs.push(d);
  return d;
};
afterAll(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const oneLine = (s: string) => s.trim().split("\n").filter((l) => !l.startsWith("npm warn"));

describe("server start failures", () => {
  it("a malformed DATABASE_URL stops the start with one line naming it", async () => {
    const r = await runServerToExit({ PORT: String(await freePort()), DATABASE_URL: "mysql://nope", CORRAL_STATE_DIR: tmp() });
    expect(r.code).not.toBe(0);
    expect(oneLine(r.stderr)).toEqual(["corral: DATABASE_URL: expected a postgresql://user@host:port/database URL; got `mysql://nope`"]);
  });

  it("an unreachable database says so and how to fix it", async () => {
    const deadPort = await freePort();
    const r = await runServerToExit({ PORT: String(await freePort()), DATABASE_URL: `postgresql://postgres@127.0.0.1:${deadPort}/corral`, CORRAL_STATE_DIR: tmp() });
    expect(r.code).toBe(1);
    const lines = oneLine(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^corral: cannot reach the database at 127\\.0\\.0\\.1:${deadPort}/corral \\(ECONNREFUSED\\): start Postgres there or fix DATABASE_URL`));
  });

  it("a port already in use is named", async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, "0.0.0.0", r));
    try {
      const r = await runServerToExit({ PORT: String(port), DATABASE_URL: "postgresql://postgres@127.0.0.1:1/x", CORRAL_STATE_DIR: tmp() });
      expect(r.code).toBe(1);
      expect(oneLine(r.stderr)).toEqual([`corral: port ${port} is already in use: stop the other process or set PORT to a free port`]);
    } finally {
      blocker.close();
    }
  });
});

describe("embedded Postgres", () => {
  const pgPids = (stateDir: string) => {
    const pidFile = path.join(stateDir, "postgres", "postmaster.pid");
    return fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]) : undefined;
  };
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it("starts with DATABASE_URL unset, stops cleanly on SIGTERM and keeps its data", async () => {
    const state = tmp();
    const env = { PORT: String(await freePort()), DATABASE_URL: undefined, CORRAL_STATE_DIR: state, CORRAL_EMBEDDED_PG_PORT: String(await freePort()) };

    const first = await startServer(env);
    expect(first.setupUrl).toBeDefined();
    const pgPid = pgPids(state);
    expect(pgPid).toBeGreaterThan(0);
    expect(alive(pgPid!)).toBe(true);
    const health = await (await fetch(`${first.url}/api/health`)).json();
    expect(health.database.ok).toBe(true);
    // Claim the setup link so the second start can prove the data survived.
    const token = new URL(first.setupUrl!).searchParams.get("token")!;
    const page = await fetch(`${first.url}/setup?token=${token}`);
    expect(await page.text()).toContain("Create the first admin");

    const exit = await first.stop("SIGTERM");
    expect(exit.code).toBe(0);
    expect(alive(pgPid!)).toBe(false);
    expect(pgPids(state)).toBeUndefined();

    const second = await startServer(env);
    try {
      // Same cluster: the secret and the data directory were reused, no re-initialisation.
      expect(second.output()).not.toContain("initialising embedded Postgres");
      expect((await (await fetch(`${second.url}/api/health`)).json()).database.ok).toBe(true);
    } finally {
      expect((await second.stop("SIGINT")).code).toBe(0);
    }
  }, 180_000);
});
