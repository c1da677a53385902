// Bad input gets a clear error naming the field, and changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { baseUrl } from "../helpers/api-client";
import { dbSnapshot } from "../helpers/db-snapshot";
import { makeActor, makeCustomer, makeNode, makePlan, makePool, rnd } from "../helpers/fixtures";
import { logInFresh, request } from "../helpers/http";

let admin: Record<string, string>;
beforeAll(async () => {
  const a = await makeActor("admin");
  admin = { cookie: await logInFresh(a.user.email, a.user.password), origin: baseUrl() };
}, 60_000);

async function expectRefused(method: string, path: string, body: unknown, status: number, field: string, raw?: string) {
  const before = await dbSnapshot();
  const res = await request(method, path, { headers: admin, body, raw });
  expect(res.status, res.text).toBe(status);
  const err = (res.json() as { error: { message: string; fields?: { path: string }[] } }).error;
  expect(err.fields?.map((f) => f.path)).toContain(field);
  expect(err.message.length).toBeGreaterThan(10);
  expect(await dbSnapshot()).toEqual(before);
  return err;
}

describe("bad input over /api/v1", () => {
  it("POST /api/v1/users - duplicate email returns 409 naming email", async () => {
    const { user } = await makeActor("member");
    await expectRefused("POST", "/api/v1/users", { email: user.email.toUpperCase(), name: "Dup", password: "a fine long password", role: "admin" }, 409, "email");
  });

  it("POST /api/v1/users - weak password returns 400 naming password", async () => {
    await expectRefused("POST", "/api/v1/users", { email: `weak-${rnd()}@example.test`, name: "Weak", password: "short", role: "admin" }, 400, "password");
    await expectRefused("POST", "/api/v1/users", { email: `weak-${rnd()}@example.test`, name: "Weak", password: "aaaaaaaaaaaa", role: "admin" }, 400, "password");
  });

  it("POST /api/v1/ip-pools - an overlapping network returns 409 naming cidr", async () => {
    const pool = await makePool(1);
    const inside = pool.cidr.replace(/\.0\/24$/, ".128/25");
    const err = await expectRefused("POST", "/api/v1/ip-pools", { name: `overlap-${rnd()}`, cidr: inside }, 409, "cidr");
    expect(err.message).toContain(pool.name);
  });

  it("POST /api/v1/ip-pools/{id}/ranges - a range overlapping existing addresses or leaving the network is refused", async () => {
    const pool = await makePool(10);
    const base = pool.cidr.replace(/0\/24$/, "");
    await expectRefused("POST", `/api/v1/ip-pools/${pool.id}/ranges`, { first: `${base}5`, last: `${base}20` }, 409, "first");
    await expectRefused("POST", `/api/v1/ip-pools/${pool.id}/ranges`, { first: `${base}100`, last: "203.0.113.5" }, 400, "last");
  });

  it("POST /api/v1/plans - a plan bigger than any node returns 400 naming ramBytes", async () => {
    await makeNode({ ramGiB: 64 });
    await expectRefused("POST", "/api/v1/plans", { name: `huge-${rnd()}`, ramBytes: 2 ** 50, diskBytes: 2 ** 33 }, 400, "ramBytes");
  });

  it("PATCH /api/v1/tenants/{id} - a quota below current usage returns 409 naming the quota", async () => {
    const { tenant } = await makeCustomer();
    const node = await makeNode();
    const plan = await makePlan();
    for (const i of [1, 2]) {
      await db().ct.create({ data: { ctid: 200_000 + Math.floor(Math.random() * 1_000_000) + i, tenantId: tenant.id, nodeId: node.id, planId: plan.id, hostname: `h${i}`, ostemplate: "busybox", state: "STOPPED", ramBytes: plan.ramBytes, swapBytes: 0n, diskBytes: plan.diskBytes, diskInodes: plan.diskInodes } });
    }
    await expectRefused("PATCH", `/api/v1/tenants/${tenant.id}`, { quotaCts: 1 }, 409, "quotaCts");
  });

  it("POST /api/v1/tenants - an unknown field returns 400 naming it", async () => {
    const err = await expectRefused("POST", "/api/v1/tenants", { name: "X", slug: `x-${rnd()}`, isAdmin: true }, 400, "isAdmin");
    expect(err.message).toMatch(/isAdmin/);
  });

  it("POST /api/v1/tenants - an oversized body returns 413", async () => {
    await expectRefused("POST", "/api/v1/tenants", undefined, 413, "(body)", JSON.stringify({ name: "x".repeat(70_000), slug: "big" }));
  });

  it("POST /api/v1/tenants - a duplicate slug returns 409 naming slug", async () => {
    const { tenant } = await makeCustomer();
    await expectRefused("POST", "/api/v1/tenants", { name: "Again", slug: tenant.slug }, 409, "slug");
  });
  it("POST /api/v1/nodes - a bad name returns 400 naming name; a duplicate 409 naming name", async () => {
    await expectRefused("POST", "/api/v1/nodes", { name: "Bad Name!" }, 400, "name");
    await expectRefused("POST", "/api/v1/nodes", { name: `n-${rnd()}`, overcommitRam: 500 }, 400, "overcommitRam");
    const node = await makeNode();
    await expectRefused("POST", "/api/v1/nodes", { name: node.name }, 409, "name");
  });

  it("PATCH /api/v1/nodes/{id} - a maintenance value that is not a boolean returns 400 naming it", async () => {
    const node = await makeNode();
    await expectRefused("PATCH", `/api/v1/nodes/${node.id}`, { maintenance: "yes" }, 400, "maintenance");
    await expectRefused("PATCH", `/api/v1/nodes/${node.id}`, { maintenance: true, tokenHash: null }, 400, "tokenHash");
  });

  it("POST /api/v1/cts/{id}/migrate - an unknown or missing target node returns 400 naming targetNodeId, nothing queued", async () => {
    const { tenant } = await makeCustomer();
    const node = await makeNode();
    const ct = await db().ct.create({ data: { ctid: 200_000 + Math.floor(Math.random() * 1_000_000), tenantId: tenant.id, nodeId: node.id, hostname: "m1", ostemplate: "busybox", state: "STOPPED", ramBytes: 2n ** 28n, swapBytes: 0n, diskBytes: 2n ** 30n, diskInodes: 1000n } });
    await expectRefused("POST", `/api/v1/cts/${ct.id}/migrate`, { targetNodeId: `no-such-${rnd()}` }, 400, "targetNodeId");
    await expectRefused("POST", `/api/v1/cts/${ct.id}/migrate`, {}, 400, "targetNodeId");
    await expectRefused("POST", `/api/v1/cts/${ct.id}/migrate`, { targetNodeId: node.id, failAt: "copy" }, 400, "failAt");
  });

  it("POST /api/v1/orphans/{id}/adopt - an unknown field or a missing tenantId returns 400 naming it", async () => {
    const node = await makeNode();
    const o = await db().orphanCt.create({ data: { nodeId: node.id, ctid: 77, status: "stopped" } });
    await expectRefused("POST", `/api/v1/orphans/${o.id}/adopt`, {}, 400, "tenantId");
    await expectRefused("POST", `/api/v1/orphans/${o.id}/adopt`, { tenantId: "x", planId: "y" }, 400, "planId");
  });

  it("GET /api/v1/tasks - a bad limit, status or cursor returns 400 naming it", async () => {
    await expectRefused("GET", "/api/v1/tasks?limit=0", undefined, 400, "limit");
    await expectRefused("GET", "/api/v1/tasks?limit=5000", undefined, 400, "limit");
    await expectRefused("GET", "/api/v1/tasks?status=exploded", undefined, 400, "status");
    await expectRefused("GET", "/api/v1/tasks?cursor=not-a-cursor", undefined, 400, "cursor");
    await expectRefused("GET", "/api/v1/tasks?sort=id", undefined, 400, "sort");
  });

  it("GET /api/v1/cts - a bad page size, sort, state or unknown parameter returns 400 naming it", async () => {
    await expectRefused("GET", "/api/v1/cts?pageSize=1000", undefined, 400, "pageSize");
    await expectRefused("GET", "/api/v1/cts?page=0", undefined, 400, "page");
    await expectRefused("GET", "/api/v1/cts?sort=password", undefined, 400, "sort");
    await expectRefused("GET", "/api/v1/cts?state=flying", undefined, 400, "state");
    await expectRefused("GET", "/api/v1/cts?limit=10", undefined, 400, "limit");
  });
});
