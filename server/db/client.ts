// The PrismaClient. Prisma is touched only from server/ (STYLE.md §7).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/generated/prisma/client";

const globalForPrisma = globalThis as unknown as { corralPrisma?: PrismaClient };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the server sets it before the first query");
  return url;
}

// Created lazily: the server decides the URL (maybe an embedded Postgres) before
// the first query, and Next's module graph shares the instance via globalThis.
export function db(): PrismaClient {
  globalForPrisma.corralPrisma ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl() }) });
  return globalForPrisma.corralPrisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForPrisma.corralPrisma?.$disconnect();
  globalForPrisma.corralPrisma = undefined;
}
