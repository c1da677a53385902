// Connects once before anything else so an unreachable or misnamed database
// gives one actionable line instead of a Prisma stack trace.
import pg from "pg";

export async function checkDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const where = `${u.hostname}:${u.port || 5432}${u.pathname}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const reason = e.code ?? e.message ?? String(err);
    const hint =
      e.code === "3D000"
        ? `create it with \`createdb -h ${u.hostname} -U ${u.username || "postgres"} ${u.pathname.slice(1)}\``
        : "start Postgres there or fix DATABASE_URL (unset it to use the embedded Postgres)";
    throw new Error(`cannot reach the database at ${where} (${reason}): ${hint}`);
  } finally {
    await client.end().catch(() => {});
  }
}
