// A migration runs inside one panel replica, which holds an advisory lock for
// it. A running migration whose lock is free lost its panel (crash, kill -9):
// fail it honestly. The database moves last, so the CT is where it says.
import pg from "pg";
import { db } from "@/server/db/client";
import { failTask } from "@/server/tasks/fail-task";
import { migrationLockKey } from "@/server/tasks/migrate-ct";

export async function failOrphanedMigrations(): Promise<number> {
  const running = await db().task.findMany({ where: { kind: "migrate", status: "RUNNING" }, select: { id: true, ctId: true } });
  if (running.length === 0) return 0;
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  let failed = 0;
  try {
    for (const t of running) {
      const { rows } = await c.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS ok", [migrationLockKey(t.id)]);
      if (!rows[0]?.ok) continue;
      await c.query("SELECT pg_advisory_unlock(hashtext($1))", [migrationLockKey(t.id)]);
      if (await failTask(t.id, "The panel stopped during this migration. The CT stays on the node the panel shows; a partial copy on the target shows up as an orphan.")) {
        failed++;
        if (t.ctId) await db().ct.updateMany({ where: { id: t.ctId, state: "MIGRATING" }, data: { state: "STOPPED", stateReason: "migration interrupted" } });
      }
    }
  } finally {
    await c.end();
  }
  return failed;
}
