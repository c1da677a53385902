// Server tests run against the fresh database scripts/test.ts made; migrate it once.
import { beforeAll } from "vitest";
import { applyMigrations } from "@/server/db/apply-migrations";
import { assertLocalDatabase } from "@/server/db/assert-local-database";

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run server tests through `npm test` (scripts/test.ts creates a fresh database)");
  assertLocalDatabase(url);
  await applyMigrations(url);
});
