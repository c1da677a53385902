// Prisma CLI config. The URL is only used by CLI commands run by hand
// (`prisma migrate dev` where a schema engine is available); the panel applies
// committed migrations itself at start (server/db/apply-migrations.ts).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/corral" },
});
