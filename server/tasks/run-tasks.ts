// The task runner: every replica runs one. It claims queued tasks whose node
// is online with FOR UPDATE SKIP LOCKED (so two replicas never take the same
// one), marks them running and dispatches them. It also fails tasks stuck on
// a node that has been offline too long, so nothing stays "running" forever.
import { db } from "@/server/db/client";
import { moduleLogger } from "@/server/logger";
import { dispatchTask } from "@/server/tasks/dispatch-task";
import { failOrphanedMigrations } from "@/server/tasks/fail-orphaned-migrations";
import { failTask } from "@/server/tasks/fail-task";
import { setTaskRunnerPoke } from "@/server/tasks/poke-task-runner";

const log = moduleLogger("task-runner");

export type TaskRunner = { poke: () => void; stop: () => Promise<void> };

export function startTaskRunner(o: { intervalMs?: number; offlineGraceMs?: number } = {}): TaskRunner {
  const interval = o.intervalMs ?? 1000;
  const grace = o.offlineGraceMs ?? 120_000;
  let stopped = false;
  let busy: Promise<void> | null = null;
  let again = false;
  const inflight = new Set<Promise<void>>();

  const claim = () =>
    db().$queryRaw<{ id: string }[]>`
      UPDATE "task" t SET "status" = 'running', "started_at" = now()
      FROM (
        SELECT t2."id" FROM "task" t2
        LEFT JOIN "ct" c ON c."id" = t2."ct_id"
        LEFT JOIN "node" n ON n."id" = COALESCE(c."node_id", t2."node_id")
        WHERE t2."status" = 'queued' AND (t2."kind" = 'migrate' OR n."status" = 'online')
        ORDER BY t2."created_at"
        LIMIT 20
        FOR UPDATE OF t2 SKIP LOCKED
      ) s
      WHERE t."id" = s."id"
      RETURNING t."id"`;

  let lastMigrationSweep = 0;
  const sweepOffline = async () => {
    if (Date.now() - lastMigrationSweep > 30_000) {
      lastMigrationSweep = Date.now();
      await failOrphanedMigrations();
    }
    const stuck = await db().task.findMany({
      where: { status: "RUNNING", kind: { not: "migrate" }, node: { status: "OFFLINE", lastSeenAt: { lt: new Date(Date.now() - grace) } } },
      select: { id: true },
    });
    for (const t of stuck) await failTask(t.id, "The node went offline while this task ran and did not come back in time. Check the CT's state and run it again.");
  };

  const tick = async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = (async () => {
      do {
        again = false;
        try {
          for (const { id } of await claim()) {
            const p = dispatchTask(id).finally(() => inflight.delete(p));
            inflight.add(p);
          }
          await sweepOffline();
        } catch (err) {
          if (!stopped) log.error({ err }, "task runner tick failed");
        }
      } while (again && !stopped);
    })().finally(() => (busy = null));
  };

  const timer = setInterval(() => void tick(), interval);
  setTaskRunnerPoke(() => void tick());
  void tick();
  return {
    poke: () => void tick(),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      setTaskRunnerPoke(undefined);
      await busy;
      // A long migration is not waited for: it holds its advisory lock until
      // this process exits, and another replica then fails it honestly.
      await Promise.race([Promise.allSettled([...inflight]), new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}
