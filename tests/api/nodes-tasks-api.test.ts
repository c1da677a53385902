// /api/v1 for nodes, tasks, orphan CTs and migration, as an admin (session) and
// a provider token would use them. Refusals for other callers are in the
// authorization matrix; bad input in bad-input.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { hashNodeToken } from "@/server/nodes/node-token";
import { baseUrl } from "../helpers/api-client";
import { makeActor, makeCustomer, makeNode, rnd } from "../helpers/fixtures";
import { logInFresh, request } from "../helpers/http";

let admin: Record<string, string>;
let ownerA: Record<string, string>;
let tenantA: string;

beforeAll(async () => {
  const a = await makeActor("admin");
  admin = { cookie: await logInFresh(a.user.email, a.user.password), origin: baseUrl() };
  const c = await makeCustomer();
  tenantA = c.tenant.id;
  ownerA = { cookie: await logInFresh(c.owner.user.email, c.owner.user.password), origin: baseUrl() };
}, 60_000);

const GiB = 2n ** 30n;
async function makeCt(tenantId: string, nodeId: string, extra: { state?: "RUNNING" | "STOPPED" | "ERROR"; hostname?: string } = {}) {
  return db().ct.create({
    data: { ctid: 300_000 + Math.floor(Math.random() * 1_000_000), tenantId, nodeId, hostname: extra.hostname ?? `h-${rnd()}`, ostemplate: "busybox", state: extra.state ?? "STOPPED", ramBytes: GiB / 4n, swapBytes: 0n, diskBytes: GiB, diskInodes: 100_000n },
  });
}

type NodeOut = { id: string; name: string; maintenance: boolean; revoked: boolean; status: string };

describe("/api/v1/nodes", () => {
  it("adds a node: the token and join command come back once, only the hash is stored; maintenance, rotate and revoke work", async () => {
    const name = `api-node-${rnd()}`;
    const res = await request("POST", "/api/v1/nodes", { headers: admin, body: { name, overcommitRam: 2 } });
    expect(res.status, res.text).toBe(201);
    const made = res.json() as { node: { id: string; name: string; status: string }; token: string; command: string };
    expect(made.node).toMatchObject({ name, status: "PENDING" });
    expect(made.token).toMatch(/^corral_node_[\w-]{40,}$/);
    expect(made.command).toContain(made.token);
    expect(made.command).toMatch(/ node --max-semi-space-size=32 build\/agent\.mjs --panel https?:\/\/\S+ --root \/var\/lib\/corral$/);
    const row = await db().node.findUniqueOrThrow({ where: { id: made.node.id } });
    expect(row.tokenHash).toBe(hashNodeToken(made.token));
    expect(row.overcommitRam).toBe(2);

    const list = (await request("GET", "/api/v1/nodes", { headers: admin })).json() as NodeOut[];
    expect(list.find((n) => n.id === made.node.id)).toMatchObject({ name, status: "pending", maintenance: false, revoked: false });
    const listText = JSON.stringify(list);
    expect(listText).not.toContain(made.token);
    expect(listText).not.toContain(row.tokenHash!);
    const one = await request("GET", `/api/v1/nodes/${made.node.id}`, { headers: admin });
    expect(one.status, one.text).toBe(200);
    expect(one.json()).toMatchObject({ id: made.node.id, name });

    const on = await request("PATCH", `/api/v1/nodes/${made.node.id}`, { headers: admin, body: { maintenance: true } });
    expect(on.status, on.text).toBe(200);
    expect(on.json()).toMatchObject({ maintenance: true });
    expect((await db().node.findUniqueOrThrow({ where: { id: made.node.id } })).maintenance).toBe(true);
    const off = await request("PATCH", `/api/v1/nodes/${made.node.id}`, { headers: admin, body: { maintenance: false } });
    expect(off.json()).toMatchObject({ maintenance: false });

    const rotated = await request("POST", `/api/v1/nodes/${made.node.id}/token`, { headers: admin });
    expect(rotated.status, rotated.text).toBe(200);
    const r = rotated.json() as { token: string; command: string };
    expect(r.token).not.toBe(made.token);
    expect(r.command).toContain(r.token);
    expect((await db().node.findUniqueOrThrow({ where: { id: made.node.id } })).tokenHash).toBe(hashNodeToken(r.token));

    const revoked = await request("DELETE", `/api/v1/nodes/${made.node.id}/token`, { headers: admin });
    expect(revoked.status, revoked.text).toBe(200);
    expect((await db().node.findUniqueOrThrow({ where: { id: made.node.id } })).tokenHash).toBeNull();
    expect((await request("GET", `/api/v1/nodes/${made.node.id}`, { headers: admin })).json()).toMatchObject({ revoked: true });

    const actions = await db().auditEvent.findMany({ where: { action: { startsWith: "node." }, changes: { path: ["nodeId"], equals: made.node.id } }, select: { action: true, result: true } });
    expect(actions.map((a) => a.action).sort()).toEqual(["node.maintenance", "node.maintenance", "node.revoke_token", "node.rotate_token"]);
  });

  it("a customer's refused node action is audited (the role check runs inside the audited transaction)", async () => {
    const node = await makeNode();
    const res = await request("PATCH", `/api/v1/nodes/${node.id}`, { headers: ownerA, body: { maintenance: true } });
    expect(res.status).toBe(404);
    const rows = await db().auditEvent.findMany({ where: { action: "node.maintenance", result: "failure", changes: { path: ["nodeId"], equals: node.id } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tenantId).toBe(tenantA);
    expect((await db().node.findUniqueOrThrow({ where: { id: node.id } })).maintenance).toBe(false);
  });
});

describe("/api/v1/tasks", () => {
  it("lists with filters and cursor paging, reads one with its log, and cancels a queued task once", async () => {
    // An offline node: its tasks wait queued, so cancelling is deterministic.
    const node = await db().node.create({ data: { name: `off-${rnd()}`, status: "OFFLINE", ramBytes: 64n * GiB, diskBytes: 1000n * GiB } });
    const ct = await makeCt(tenantA, node.id);
    const made = [];
    for (let i = 0; i < 5; i++)
      made.push(await db().task.create({ data: { kind: i % 2 ? "stop" : "start", status: "SUCCEEDED", progress: 100, ctId: ct.id, nodeId: node.id, tenantId: tenantA, log: [`line ${i}`], createdAt: new Date(Date.now() - (10 - i) * 1000) } }));
    const queued = await db().task.create({ data: { kind: "start", ctId: ct.id, nodeId: node.id, tenantId: tenantA, log: ["queued"] } });

    type Page = { tasks: { id: string; kind: string; status: string; log: string[] }[]; nextCursor: string | null };
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await request("GET", `/api/v1/tasks?ctId=${ct.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`, { headers: ownerA });
      expect(res.status, res.text).toBe(200);
      const page = res.json() as Page;
      expect(page.tasks.length).toBeLessThanOrEqual(2);
      seen.push(...page.tasks.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([queued.id, ...made.map((t) => t.id).reverse()]);

    const stops = (await request("GET", `/api/v1/tasks?ctId=${ct.id}&kind=stop`, { headers: admin })).json() as Page;
    expect(stops.tasks.map((t) => t.id).sort()).toEqual([made[1]!.id, made[3]!.id].sort());
    const q = (await request("GET", `/api/v1/tasks?nodeId=${node.id}&status=queued`, { headers: admin })).json() as Page;
    expect(q.tasks.map((t) => t.id)).toEqual([queued.id]);

    const one = await request("GET", `/api/v1/tasks/${made[2]!.id}`, { headers: ownerA });
    expect(one.status, one.text).toBe(200);
    expect(one.json()).toMatchObject({ id: made[2]!.id, status: "succeeded", log: ["line 2"] });

    const cancelled = await request("POST", `/api/v1/tasks/${queued.id}/cancel`, { headers: ownerA });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.json()).toMatchObject({ id: queued.id, status: "cancelled" });
    const again = await request("POST", `/api/v1/tasks/${queued.id}/cancel`, { headers: ownerA });
    expect(again.status).toBe(409);
    expect((again.json() as { error: { message: string } }).error.message).toMatch(/already started or finished/);
    const doneOnes = await request("POST", `/api/v1/tasks/${made[0]!.id}/cancel`, { headers: admin });
    expect(doneOnes.status).toBe(409);
  });
});

describe("/api/v1/orphans", () => {
  it("lists orphans, adopts one into a tenant as a CT; removing needs the node's agent and keeps the row when it is away", async () => {
    const node = await makeNode();
    const a = await db().orphanCt.create({ data: { nodeId: node.id, ctid: 4242, hostname: "found", ostemplate: "busybox", status: "running", ipAddresses: ["10.9.9.9"] } });
    const b = await db().orphanCt.create({ data: { nodeId: node.id, ctid: 4243, status: "stopped" } });
    const list = (await request("GET", `/api/v1/orphans?nodeId=${node.id}`, { headers: admin })).json() as { id: string; ctid: number; nodeName: string }[];
    expect(list.map((o) => o.ctid)).toEqual([4242, 4243]);
    expect(list[0]!.nodeName).toBe(node.name);

    const adopted = await request("POST", `/api/v1/orphans/${a.id}/adopt`, { headers: admin, body: { tenantId: tenantA } });
    expect(adopted.status, adopted.text).toBe(201);
    expect(adopted.json()).toMatchObject({ ctid: 4242, hostname: "found", state: "running" });
    expect(await db().orphanCt.findUnique({ where: { id: a.id } })).toBeNull();
    expect(await db().ct.count({ where: { nodeId: node.id, ctid: 4242, tenantId: tenantA } })).toBe(1);
    expect((await request("POST", `/api/v1/orphans/${a.id}/adopt`, { headers: admin, body: { tenantId: tenantA } })).status).toBe(404);

    const removed = await request("DELETE", `/api/v1/orphans/${b.id}`, { headers: admin });
    expect(removed.status, removed.text).toBe(503);
    expect((removed.json() as { error: { message: string } }).error.message).toMatch(/agent is not connected/);
    expect(await db().orphanCt.findUnique({ where: { id: b.id } })).not.toBeNull();
  });
});

describe("POST /api/v1/cts/{id}/migrate", () => {
  it("queues a migrate task (202), a retry with the same key gets the same task, and a conflict is 409 naming the task in the way", async () => {
    // The source node is offline: a start queued there waits, so the conflict is certain.
    const source = await db().node.create({ data: { name: `src-${rnd()}`, status: "OFFLINE", ramBytes: 64n * GiB, diskBytes: 1000n * GiB } });
    const target = await makeNode();
    const busy = await makeCt(tenantA, source.id);
    const blocking = await db().task.create({ data: { kind: "start", ctId: busy.id, nodeId: source.id, tenantId: tenantA } });
    const refused = await request("POST", `/api/v1/cts/${busy.id}/migrate`, { headers: admin, body: { targetNodeId: target.id } });
    expect(refused.status, refused.text).toBe(409);
    expect((refused.json() as { error: { message: string } }).error.message).toContain(blocking.id);
    await db().task.update({ where: { id: blocking.id }, data: { status: "CANCELLED" } });

    const same = await request("POST", `/api/v1/cts/${busy.id}/migrate`, { headers: admin, body: { targetNodeId: source.id } });
    expect(same.status).toBe(409);
    expect((same.json() as { error: { fields?: { path: string }[] } }).error.fields?.map((f) => f.path)).toContain("targetNodeId");

    const full = await makeNode({ ramGiB: 0, diskGiB: 0 });
    const noRoom = await request("POST", `/api/v1/cts/${busy.id}/migrate`, { headers: admin, body: { targetNodeId: full.id } });
    expect(noRoom.status).toBe(409);

    const key = `mig-${rnd()}`;
    const ok = await request("POST", `/api/v1/cts/${busy.id}/migrate`, { headers: admin, body: { targetNodeId: target.id, idempotencyKey: key } });
    expect(ok.status, ok.text).toBe(202);
    const task = ok.json() as { id: string; kind: string; ctId: string };
    expect(task).toMatchObject({ kind: "migrate", ctId: busy.id });
    const row = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    expect(row.input).toEqual({ targetNodeId: target.id });
    const retry = await request("POST", `/api/v1/cts/${busy.id}/migrate`, { headers: admin, body: { targetNodeId: target.id, idempotencyKey: key } });
    expect(retry.status, retry.text).toBe(202);
    expect((retry.json() as { id: string }).id).toBe(task.id);
    const audit = await db().auditEvent.findMany({ where: { action: "ct.migrate", ctId: busy.id, result: "success" } });
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });
});

describe("GET /api/v1/cts (paged)", () => {
  it("pages, filters by q, state, node and tenant, and sorts, in the database", async () => {
    const { tenant, owner } = await makeCustomer();
    const n1 = await makeNode();
    const n2 = await makeNode();
    const tag = rnd();
    for (let i = 0; i < 7; i++) await makeCt(tenant.id, i < 5 ? n1.id : n2.id, { state: i % 2 ? "RUNNING" : "STOPPED", hostname: `pg-${tag}-${i}` });
    const headers = { cookie: await logInFresh(owner.user.email, owner.user.password), origin: baseUrl() };
    type Page = { total: number; page: number; pageSize: number; cts: { hostname: string; state: string; nodeName?: string }[] };
    const get = async (qs: string, h: Record<string, string> = headers) => {
      const res = await request("GET", `/api/v1/cts?${qs}`, { headers: h });
      expect(res.status, res.text).toBe(200);
      return res.json() as Page;
    };
    const p1 = await get("pageSize=3&sort=hostname&dir=asc");
    expect(p1).toMatchObject({ total: 7, page: 1, pageSize: 3 });
    expect(p1.cts.map((c) => c.hostname)).toEqual([0, 1, 2].map((i) => `pg-${tag}-${i}`));
    const p3 = await get("pageSize=3&page=3&sort=hostname&dir=asc");
    expect(p3.cts.map((c) => c.hostname)).toEqual([`pg-${tag}-6`]);
    expect((await get(`q=pg-${tag}-4`)).cts.map((c) => c.hostname)).toEqual([`pg-${tag}-4`]);
    expect((await get("state=running")).total).toBe(3);
    expect((await get(`nodeId=${n2.id}`)).total).toBe(2);
    // A customer's tenant filter cannot widen its scope.
    expect((await get(`tenantId=${tenantA}`)).total).toBe(7);
    expect((await get(`tenantId=${tenant.id}&nodeId=${n1.id}&state=stopped`, admin)).total).toBe(3);
  });
});
