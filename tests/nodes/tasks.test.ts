// Tasks on a real node: lifecycle through the agent, serialization per CT
// (409 naming the task in the way), idempotency keys, and 100 pairs of
// concurrent conflicting operations that end serialized or refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/server/auth/create-user";
import { db } from "@/server/db/client";
import { toErrorBody } from "@/server/errors/to-error-body";
import { assertNoConflict } from "@/server/tasks/assert-no-conflict";
import { enqueueTask } from "@/server/tasks/enqueue-task";
import { makeSimNode, nodeTestsSkipReason, waitFor, type SimNode } from "../helpers/node-sim";
import { makeCtRow, makeTenant, removePanelDirs, startPanel, waitTask, type Panel } from "../helpers/panel-fixture";

const skip = nodeTestsSkipReason();
const tag = `${process.pid}-${Date.now().toString(36)}`;

describe.skipIf(skip)(`tasks${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let a: SimNode, panel: Panel, nodeId: string, tenantId: string;

  beforeAll(async () => {
    a = makeSimNode();
    panel = await startPanel({ nodeRoot: a.root, nodeName: `tasks-${tag}` });
    nodeId = (await waitFor("node online", async () => {
      const n = await db().node.findUnique({ where: { name: `tasks-${tag}` } });
      return n?.status === "ONLINE" ? n : null;
    })).id;
    tenantId = (await makeTenant()).id;
  });

  afterAll(async () => {
    await panel?.stop();
    a?.cleanup();
    removePanelDirs();
  });

  it("create, stop, start, restart and destroy run through the agent with progress, log and timestamps", async () => {
    const ct = await makeCtRow(tenantId, nodeId, 401);
    const run = async (kind: "create" | "stop" | "start" | "restart" | "destroy") => {
      const t = await waitTask((await enqueueTask({ kind, ctId: ct.id, nodeId, tenantId })).id);
      expect(t.status, `${kind}: ${t.error} ${t.log.join(" | ")}`).toBe("SUCCEEDED");
      expect(t.progress).toBe(100);
      expect(t.startedAt!.getTime()).toBeLessThanOrEqual(t.finishedAt!.getTime());
      expect(t.log.length).toBeGreaterThan(0);
      return t;
    };
    await run("create");
    expect((await db().ct.findUniqueOrThrow({ where: { id: ct.id } })).state).toBe("RUNNING");
    await run("stop");
    expect((await db().ct.findUniqueOrThrow({ where: { id: ct.id } })).state).toBe("STOPPED");
    expect(a.initPid(401)).toBeNull();
    await run("start");
    const pid = a.initPid(401);
    expect(pid).toBeGreaterThan(1);
    await run("restart");
    expect(a.initPid(401)).not.toBe(pid);
    await run("stop");
    await run("destroy");
    expect(await db().ct.findUnique({ where: { id: ct.id } })).toBeNull();
    expect(a.ctlJson<{ ctid: number }[]>("list", "-a").some((r) => r.ctid === 401)).toBe(false);
  });

  it("a failing operation fails the task with the node's reason, and the CT state follows the node", async () => {
    const ct = await makeCtRow(tenantId, nodeId, 402);
    await waitTask((await enqueueTask({ kind: "create", ctId: ct.id, nodeId, tenantId, input: { start: false } })).id);
    // destroy refuses a running CT; here it is stopped, so ask to resume a CT that is not suspended.
    const t = await waitTask((await enqueueTask({ kind: "resume", ctId: ct.id, nodeId, tenantId })).id);
    expect(t.status).toBe("FAILED");
    expect(t.error).toBeTruthy();
    expect((await db().ct.findUniqueOrThrow({ where: { id: ct.id } })).state).toBe("STOPPED");
  });

  it("POST-style retries with the same idempotency key get the same task and run once", async () => {
    const user = await createUser({ email: `idem-${tag}@example.test`, name: "Idem", password: "a long test password", role: "admin" });
    const ct = await makeCtRow(tenantId, nodeId, 403);
    const key = `key-${tag}`;
    const [t1, t2, t3] = await Promise.all([1, 2, 3].map(() => enqueueTask({ kind: "create", ctId: ct.id, nodeId, tenantId, actorId: user.id, idempotencyKey: key, input: { start: false } })));
    expect(new Set([t1!.id, t2!.id, t3!.id]).size).toBe(1);
    await waitTask(t1!.id);
    const again = await enqueueTask({ kind: "create", ctId: ct.id, nodeId, tenantId, actorId: user.id, idempotencyKey: key });
    expect(again.id).toBe(t1!.id);
    expect(await db().task.count({ where: { ctId: ct.id, kind: "create" } })).toBe(1);
    const misuse = await enqueueTask({ kind: "start", ctId: ct.id, nodeId, tenantId, actorId: user.id, idempotencyKey: key }).catch((e) => e);
    expect(toErrorBody(misuse).status).toBe(409);
  });

  it("100 pairs of concurrent conflicting operations on one CT: every pair serialized or refused with 409 naming the task, no half-done state", async () => {
    const ct = await makeCtRow(tenantId, nodeId, 404);
    await waitTask((await enqueueTask({ kind: "create", ctId: ct.id, nodeId, tenantId })).id);
    let refused = 0;
    let created = 0;
    for (let i = 0; i < 100; i++) {
      const pair = await Promise.allSettled([
        enqueueTask({ kind: i % 2 ? "start" : "stop", ctId: ct.id, nodeId, tenantId }),
        enqueueTask({ kind: i % 2 ? "stop" : "start", ctId: ct.id, nodeId, tenantId, input: { fast: true } }),
      ]);
      for (const r of pair) {
        if (r.status === "fulfilled") created++;
        else {
          refused++;
          const { status, body } = toErrorBody(r.reason);
          expect(status).toBe(409);
          const named = body.error.message.match(/task (\w+)\)/)?.[1];
          expect(named, body.error.message).toBeTruthy();
          expect(await db().task.findUnique({ where: { id: named! } })).not.toBeNull();
        }
      }
      // The friendly pre-check agrees with the database's rule.  A start or
      // stop takes milliseconds, so the active task may finish between the
      // two reads: then the pre-check must have found it finished, not missed it.
      const active = await db().task.findFirst({ where: { ctId: ct.id, status: { in: ["QUEUED", "RUNNING"] } } });
      if (active) {
        const err = await assertNoConflict(ct.id).then(() => null, (e: unknown) => e);
        if (err) expect(String((err as Error).message)).toContain(active.id);
        else expect((await db().task.findUnique({ where: { id: active.id } }))!.status).not.toMatch(/^(QUEUED|RUNNING)$/);
      }
    }
    expect(created + refused).toBe(200);
    expect(refused).toBeGreaterThanOrEqual(100);
    await waitFor("all tasks finished", async () => (await db().task.count({ where: { ctId: ct.id, status: { in: ["QUEUED", "RUNNING"] } } })) === 0, 120_000);
    const tasks = await db().task.findMany({ where: { ctId: ct.id, kind: { in: ["start", "stop"] } }, orderBy: { startedAt: "asc" } });
    // Never two at once: each started after the previous one finished.
    for (let i = 1; i < tasks.length; i++) expect(tasks[i]!.startedAt!.getTime()).toBeGreaterThanOrEqual(tasks[i - 1]!.finishedAt!.getTime());
    // No task lost to corralctl's lock (exit 9): serialization happened before the node.
    expect(tasks.filter((t) => t.error?.includes("locked"))).toEqual([]);
    // The database and the node agree at the end.
    const running = a.initPid(404) !== null;
    const row = await waitFor("CT state settled", async () => {
      const c = await db().ct.findUniqueOrThrow({ where: { id: ct.id } });
      return (c.state === "RUNNING") === running && ["RUNNING", "STOPPED"].includes(c.state) ? c : null;
    });
    expect(row.state).toBe(running ? "RUNNING" : "STOPPED");
  });

  it("a task on a CT whose node is offline waits queued, and cancelling it works", async () => {
    const other = await db().node.create({ data: { name: `offline-${tag}`, status: "OFFLINE" } });
    const ct = await makeCtRow(tenantId, other.id, 405);
    const t = await enqueueTask({ kind: "start", ctId: ct.id, nodeId: other.id, tenantId });
    await new Promise((r) => setTimeout(r, 2500));
    expect((await db().task.findUniqueOrThrow({ where: { id: t.id } })).status).toBe("QUEUED");
    const { cancelTask } = await import("@/server/tasks/cancel-task");
    const done = await cancelTask({ kind: "system", reason: "test" }, t.id);
    expect(done?.status).toBe("CANCELLED");
  });
});
