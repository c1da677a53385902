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
});
