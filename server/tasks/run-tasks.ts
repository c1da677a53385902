// The task runner: every replica runs one. It claims queued tasks whose node
// is online with FOR UPDATE SKIP LOCKED (so two replicas never take the same
// one), marks them running and dispatches them. It also fails tasks stuck on
// a node that has been offline too long, so nothing stays "running" forever.
//
// It wakes when there is work rather than polling every second: on a local
// poke (an enqueue or an agent's hello here) and on the `corral_task_queued`
// notification a trigger sends at the commit of every task insert, from any
// replica (migration 20261203040000). A slow poll stays as a fallback for a
// notification lost while the LISTEN connection was down, and the offline
// sweep runs on its own slower clock.
import pg from "pg";
import { db } from "@/server/db/client";
import { moduleLogger } from "@/server/logger";
import { dispatchTask } from "@/server/tasks/dispatch-task";
import { failOrphanedMigrations } from "@/server/tasks/fail-orphaned-migrations";
import { failTask } from "@/server/tasks/fail-task";
import { setTaskRunnerPoke } from "@/server/tasks/poke-task-runner";

const log = moduleLogger("task-runner");

export const TASK_QUEUED_CHANNEL = "corral_task_queued";
const CLAIM_LIMIT = 20; // the claim's LIMIT
const RELISTEN_MS = 2000;

export type TaskRunner = { poke: () => void; stop: () => Promise<void> };

export type TaskRunnerOptions = {
  // Fallback poll; the notification and pokes are the fast path.
  intervalMs?: number;
  sweepMs?: number;
  offlineGraceMs?: number;
  // Where the LISTEN connection goes; unset = DATABASE_URL, "" = no LISTEN (poll only).
  databaseUrl?: string;
  // Tests replace what runs a claimed task.
  dispatch?: (taskId: string) => Promise<void>;
};

export function startTaskRunner(o: TaskRunnerOptions = {}): TaskRunner {
  const interval = o.intervalMs ?? 10_000;
  const sweepEvery = o.sweepMs ?? 10_000;
  const grace = o.offlineGraceMs ?? 120_000;
  const dispatch = o.dispatch ?? dispatchTask;
  const databaseUrl = o.databaseUrl ?? process.env.DATABASE_URL ?? "";
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

  // One claim loop at a time; a wake-up during it runs one more pass.
  const tick = () => {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = (async () => {
      do {
        again = false;
        try {
          const claimed = await claim();
          for (const { id } of claimed) {
            const p = dispatch(id).finally(() => inflight.delete(p));
            inflight.add(p);
          }
          // A full claim may have left more behind.
          if (claimed.length === CLAIM_LIMIT) again = true;
        } catch (err) {
          if (!stopped) log.error({ err }, "task runner tick failed");
        }
      } while (again && !stopped);
    })().finally(() => (busy = null));
  };

  let sweeping: Promise<void> | null = null;
  const sweep = () => {
    if (stopped || sweeping) return;
    sweeping = sweepOffline()
      .catch((err) => {
        if (!stopped) log.error({ err }, "task runner sweep failed");
      })
      .finally(() => (sweeping = null));
  };

  // The LISTEN connection; on loss it comes back and claims once, since a
  // notification sent meanwhile is gone.
  let listener: pg.Client | undefined;
  let relisten: NodeJS.Timeout | undefined;
  const listen = async () => {
    if (stopped || !databaseUrl) return;
    const c = new pg.Client({ connectionString: databaseUrl });
    listener = c;
    const retry = (err: unknown) => {
      if (stopped || listener !== c) return;
      listener = undefined;
      log.warn({ err }, "task queue notifications lost; listening again shortly");
      void c.end().catch(() => {});
      relisten = setTimeout(() => void listen(), RELISTEN_MS);
      relisten.unref();
    };
    c.on("error", retry);
    c.on("end", () => retry(new Error("connection ended")));
    c.on("notification", () => tick());
    try {
      await c.connect();
      await c.query(`LISTEN ${TASK_QUEUED_CHANNEL}`);
      tick();
    } catch (err) {
      retry(err);
    }
  };

  const timer = setInterval(tick, interval);
  const sweepTimer = setInterval(sweep, sweepEvery);
  setTaskRunnerPoke(tick);
  void listen();
  tick();
  sweep();
  return {
    poke: tick,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      clearInterval(sweepTimer);
      clearTimeout(relisten);
      setTaskRunnerPoke(undefined);
      const l = listener;
      listener = undefined;
      await l?.end().catch(() => {});
      await busy;
      await sweeping;
      // A long migration is not waited for: it holds its advisory lock until
      // this process exits, and another replica then fails it honestly.
      await Promise.race([Promise.allSettled([...inflight]), new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}
