// bench/ui: with 1,000 CTs in the database, the admin CT list's API p95 and the
// CT page's time to interactive in Chromium. Peer measured in the same run: the
// same rows read straight from Postgres with one SQL query (the floor the API
// stands on). Run by hand:  npx tsx bench/ui.ts [CTS=1000] [REQUESTS=200]
// Needs a built web app (`npm run build`) and a local Postgres (DATABASE_URL) or
// none (an embedded one is started).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { chromium } from "@playwright/test";
import { createTestDatabase, freePort } from "../scripts/test-database";
import { startServer } from "../tests/helpers/server-process";

const CTS = Number(process.argv[2] ?? 1000);
const REQUESTS = Number(process.argv[3] ?? 200);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;
// CPU time (user + system) of a process, in ms: wall time on a loaded machine mostly measures the queue.
const cpuMs = (pid: number) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
};

async function main() {
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  const state = fs.mkdtempSync(path.join(os.tmpdir(), "corral-bench-ui-"));
  const server = await startServer({ PORT: String(await freePort()), DATABASE_URL: database.url, CORRAL_STATE_DIR: state, CORRAL_LOCAL_AGENT: "off" });
  try {
    // Fixtures import the database client, so load them after DATABASE_URL is set.
    const { makeActor, makeCustomer, makeNode, makePlan } = await import("../tests/helpers/fixtures");
    const { db } = await import("../server/db/client");
    const { createApiToken } = await import("../server/api-tokens/create-api-token");
    const node = await makeNode({ ramGiB: 100_000, diskGiB: 1_000_000 });
    const plan = await makePlan();
    const tenants = await Promise.all([...Array(20)].map(() => makeCustomer()));
    await db().ct.createMany({
      data: [...Array(CTS)].map((_, i) => ({
        ctid: 101 + i,
        tenantId: tenants[i % tenants.length]!.tenant.id,
        nodeId: node.id,
        planId: plan.id,
        hostname: `ct-${i}.example.test`,
        ostemplate: "busybox",
        state: i % 3 ? "RUNNING" : "STOPPED",
        ramBytes: 1n << 30n,
        swapBytes: 0n,
        diskBytes: 10n << 30n,
        diskInodes: 200_000n,
      })),
    });
    const admin = await makeActor("admin");
    const { token } = await createApiToken(admin.actor, { name: "bench", tenantId: null });

    // The API pages in the database (default 50 rows; at most 200 a page).
    const cpu: Record<string, number> = {};
    const timeApi = async (query: string) => {
      const out: number[] = [];
      const c0 = cpuMs(server.child.pid!);
      for (let i = 0; i < REQUESTS; i++) {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api/v1/cts${query}`, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`GET /api/v1/cts${query} answered ${res.status}`);
        out.push(performance.now() - t0);
      }
      cpu[query] = (cpuMs(server.child.pid!) - c0) / REQUESTS;
      return out;
    };
    const api = await timeApi("");
    const api200 = await timeApi("?pageSize=200&page=3");
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const timeSql = async (text: string) => {
      const out: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const t0 = performance.now();
        await client.query(text);
        out.push(performance.now() - t0);
      }
      return out;
    };
    const rowsSql = `SELECT c.*, n.name AS node, t.name AS tenant FROM ct c JOIN node n ON n.id = c.node_id JOIN tenant t ON t.id = c.tenant_id ORDER BY c.created_at DESC`;
    const sql = await timeSql(rowsSql);
    // The paged API's floor: its page of rows and the total count.
    const sqlPage = await timeSql(`SELECT (SELECT count(*) FROM ct) AS total, p.* FROM (${rowsSql}, c.id LIMIT 50) p`);
    await client.end();

    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"] });
    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill(admin.user.email);
    await page.getByLabel("Password").fill(admin.user.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(`${server.url}/`);
    // The page as it opens (50 rows) and at its largest page (200 rows).
    const timeTti = async (query: string) => {
      const times: number[] = [];
      for (let i = 0; i < 10; i++) {
        const t0 = performance.now();
        await page.goto(`${server.url}/cts${query}`);
        await page.getByTestId("cts-table").waitFor();
        await page.getByRole("link", { name: "ct-" }).first().click({ trial: true });
        times.push(performance.now() - t0);
      }
      return times;
    };
    const tti50 = await timeTti("");
    const tti = await timeTti("?pageSize=200");
    await browser.close();

    console.log(`\n${CTS} CTs, ${REQUESTS} requests`);
    console.log(`GET /api/v1/cts (first page, 50 rows + total)   p50 ${ms(pct(api, 50))}  p95 ${ms(pct(api, 95))}  panel CPU ${ms(cpu[""]!)} a request`);
    console.log(`GET /api/v1/cts?pageSize=200&page=3              p50 ${ms(pct(api200, 50))}  p95 ${ms(pct(api200, 95))}  panel CPU ${ms(cpu["?pageSize=200&page=3"]!)} a request`);
    console.log(`one SQL query for the same 50 rows + count       p50 ${ms(pct(sqlPage, 50))}  p95 ${ms(pct(sqlPage, 95))}`);
    console.log(`one SQL query for all ${CTS} rows               p50 ${ms(pct(sql, 50))}  p95 ${ms(pct(sql, 95))}`);
    console.log(`ratio API/SQL (50-row page) at p95: ${(pct(api, 95) / pct(sqlPage, 95)).toFixed(2)}`);
    console.log(`/cts page interactive in Chromium (default, 50 rows)  median ${ms(pct(tti50, 50))}  max ${ms(Math.max(...tti50))}`);
    console.log(`/cts page interactive in Chromium (200 rows a page)  median ${ms(pct(tti, 50))}  max ${ms(Math.max(...tti))}`);
    console.log(`aims: API p95 < 50 ms, page < 1000 ms`);
  } finally {
    await server.stop();
    await database.drop();
    fs.rmSync(state, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
