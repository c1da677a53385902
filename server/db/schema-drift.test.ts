// Migrations are written by hand here (Prisma's migrate engine cannot be
// downloaded on these hosts), so this test holds them to schema.prisma: every
// model's table and column exists after the migrations, and nothing extra does;
// every @@index / @@unique of schema.prisma exists under Prisma's own name.
import fs from "node:fs";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

type Field = { name: string; kind: string; dbName?: string };
type DataModel = { models: Record<string, { dbName: string | null; fields: Field[] }> };

function readDataModel(): DataModel {
  const src = fs.readFileSync("server/generated/prisma/internal/class.ts", "utf8");
  const m = src.match(/config\.runtimeDataModel = JSON\.parse\(("(?:[^"\\]|\\.)*")\)/);
  if (!m) throw new Error("runtimeDataModel not found in the generated client: was `prisma generate` run?");
  return JSON.parse(JSON.parse(m[1]!));
}

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
afterAll(() => client.end());

describe("schema.prisma and the migrations agree", () => {
  it("every model column exists and no table or column is extra", async () => {
    const model = readDataModel();
    const { rows } = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const inDb = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
    const expected = new Set<string>();
    for (const [name, m] of Object.entries(model.models)) {
      const table = m.dbName ?? name;
      for (const f of m.fields) if (f.kind === "scalar" || f.kind === "enum") expected.add(`${table}.${f.dbName ?? f.name}`);
    }
    expect([...expected].filter((c) => !inDb.has(c)), "columns in schema.prisma but not in the migrations").toEqual([]);
    expect([...inDb].filter((c) => !expected.has(c)), "columns in the migrations but not in schema.prisma").toEqual([]);
  });

  // The generated client carries no indexes, so they are read from
  // schema.prisma itself: a forgotten CREATE INDEX is invisible until a
  // table grows, which is exactly when it is too late to notice.
  it("every @@index and @@unique exists under Prisma's name", async () => {
    const model = readDataModel();
    const src = fs.readFileSync("prisma/schema.prisma", "utf8");
    const expected: string[] = [];
    for (const [, name, body] of src.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
      const m = model.models[name!];
      if (!m) throw new Error(`model ${name} is not in the generated client: was \`prisma generate\` run?`);
      const column = (field: string) => m.fields.find((f) => f.name === field)?.dbName ?? field;
      for (const [, kind, fields] of body!.matchAll(/^\s*@@(index|unique)\(\[([^\]]+)\]/gm)) {
        const cols = fields!.split(",").map((f) => column(f.trim()));
        expected.push(`${m.dbName ?? name}_${cols.join("_")}_${kind === "unique" ? "key" : "idx"}`);
      }
    }
    expect(expected.length, "no @@index found: the schema parser is broken").toBeGreaterThan(10);
    const { rows } = await client.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`);
    const inDb = new Set(rows.map((r) => r.indexname));
    expect(expected.filter((i) => !inDb.has(i)), "indexes in schema.prisma but not in the migrations").toEqual([]);
  });
});
