import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, listMigrations } from "@/server/db/apply-migrations";

const url = process.env.DATABASE_URL!;
const client = new pg.Client({ connectionString: url });
await client.connect();
afterAll(() => client.end());

describe("applyMigrations", () => {
  it("records every committed migration as prisma migrate deploy would", async () => {
    await applyMigrations(url);
    const committed = listMigrations(path.join(process.cwd(), "prisma", "migrations"));
    const { rows } = await client.query(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(committed.map((m) => m.name));
    expect(rows.map((r) => r.checksum)).toEqual(committed.map((m) => m.checksum));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("applies nothing the second time", async () => {
    expect(await applyMigrations(url)).toEqual([]);
  });

  it("rolls a failing migration back whole and names it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corral-mig-"));
    fs.mkdirSync(path.join(dir, "20990101000000_broken"));
    fs.writeFileSync(path.join(dir, "20990101000000_broken", "migration.sql"), `CREATE TABLE "half_done" (id int); SELECT no_such_function();`);
    try {
      await expect(applyMigrations(url, dir)).rejects.toThrow(/migration 20990101000000_broken failed: .*no_such_function/);
      const t = await client.query(`SELECT to_regclass('public.half_done') AS t`);
      expect(t.rows[0].t).toBeNull();
      const m = await client.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '20990101000000_broken'`);
      expect(m.rowCount).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
