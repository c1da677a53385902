// A fresh database for one test run: on the Postgres named by DATABASE_URL (must
// be local), or, when it is unset, on an embedded Postgres in a temp dir.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import pg from "pg";
import { assertLocalDatabase } from "@/server/db/assert-local-database";
import { startEmbeddedPostgres } from "@/server/db/embedded-postgres";

export type TestDatabase = { url: string; drop: () => Promise<void> };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function createTestDatabase(baseUrl = process.env.DATABASE_URL): Promise<TestDatabase> {
  let stopEmbedded: (() => Promise<void>) | undefined;
  let tmp: string | undefined;
  if (!baseUrl) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "corral-testdb-"));
    const embedded = await startEmbeddedPostgres(tmp, await freePort());
    baseUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  assertLocalDatabase(baseUrl);
  const name = `corral_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new URL(baseUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
      if (stopEmbedded) await stopEmbedded();
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
