// The task runner wakes on work, not on a one-second poll: a task inserted by
// another connection (another replica) is claimed through the insert
// trigger's notification, only once its transaction commits; a local enqueue
// pokes it directly; a full claim goes round again; the offline sweep fails
// tasks stuck on a node gone too long. The fallback poll is set to a minute
// here, so none of this can pass by polling.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { enqueueTask } from "@/server/tasks/enqueue-task";
import { startTaskRunner, type TaskRunner } from "@/server/tasks/run-tasks";
import { makeNode } from "@/tests/helpers/fixtures";

const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
let nodeId: string;
let runner: TaskRunner | undefined;
const dispatched: string[] = [];
const ours = new Set<string>();

async function insertTasks(n: number, client: pg.Client = other): Promise<string[]> {
  const ids = Array.from({ length: n }, () => `t${crypto.randomBytes(10).toString("hex")}`);
  ids.forEach((id) => ours.add(id));
  await client.query(`INSERT INTO "task" ("id", "kind", "node_id") SELECT unnest($1::text[]), 'start', $2`, [ids, nodeId]);
  return ids;
}

async function until(what: string, ok: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function start(o: Parameters<typeof startTaskRunner>[0] = {}) {
  runner = startTaskRunner({ intervalMs: 60_000, sweepMs: 60_000, dispatch: async (id) => void dispatched.push(id), ...o });
  return runner;
}

beforeAll(async () => {
  await other.connect();
  nodeId = (await makeNode()).id;
});
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
});
afterAll(async () => {
  // Tasks of other test files this runner claimed go back as they were.
  const foreign = dispatched.filter((id) => !ours.has(id));
  if (foreign.length) await db().task.updateMany({ where: { id: { in: foreign }, status: "RUNNING" }, data: { status: "QUEUED", startedAt: null } });
  await db().task.deleteMany({ where: { nodeId } });
  await db().node.delete({ where: { id: nodeId } });
  await other.end();
});

describe("task runner", () => {
  it("claims a task another replica inserts once its transaction commits, without polling", async () => {
    start();
    // Let the runner's first claim and its LISTEN settle.
    await new Promise((r) => setTimeout(r, 1000));
    await other.query("BEGIN");
    const [id] = await insertTasks(1);
    await new Promise((r) => setTimeout(r, 800));
    expect(dispatched).not.toContain(id);
    await other.query("COMMIT");
    await until("the committed task to be dispatched", () => dispatched.includes(id!));
    expect((await db().task.findUnique({ where: { id } }))?.status).toBe("RUNNING");
  });

  it("claims everything queued when a claim comes back full", async () => {
    start();
    await new Promise((r) => setTimeout(r, 1000));
    const ids = await insertTasks(45);
    await until("45 tasks dispatched", () => ids.every((id) => dispatched.includes(id)));
  });

  it("a local enqueue pokes the runner even without notifications", async () => {
    start({ databaseUrl: "" });
    await new Promise((r) => setTimeout(r, 500));
    const t = await enqueueTask({ kind: "template-build", nodeId, input: { name: "x" } });
    ours.add(t.id);
    await until("the enqueued task to be dispatched", () => dispatched.includes(t.id));
  });

  it("fails running tasks on a node that has been offline longer than the grace", async () => {
    const [id] = await insertTasks(1);
    await db().task.update({ where: { id }, data: { status: "RUNNING" } });
    await db().node.update({ where: { id: nodeId }, data: { status: "OFFLINE", lastSeenAt: new Date(Date.now() - 60_000) } });
    try {
      start({ sweepMs: 100, offlineGraceMs: 30_000, databaseUrl: "" });
      const end = Date.now() + 5000;
      let status = "";
      while (Date.now() < end && (status = (await db().task.findUnique({ where: { id } }))!.status) !== "FAILED") await new Promise((r) => setTimeout(r, 100));
      expect(status).toBe("FAILED");
    } finally {
      await db().node.update({ where: { id: nodeId }, data: { status: "ONLINE", lastSeenAt: new Date() } });
    }
  });
});
