// A billing system's day, with a provider API token: tenant, plan, provision,
// usage, suspend and unsuspend, change plan, terminate. And the tokens
// themselves: shown once, stored hashed, scoped, revocable.
import { beforeAll, describe, expect, it } from "vitest";
import { hashApiToken } from "@/server/api-tokens/hash-api-token";
import { db } from "@/server/db/client";
import { baseUrl } from "../helpers/api-client";
import { makeActor, makeNode, makePool, rnd } from "../helpers/fixtures";
import { logInFresh, request } from "../helpers/http";

let provider: Record<string, string>;
let adminCookie: Record<string, string>;

beforeAll(async () => {
  await makeNode();
  await makePool(30);
  const admin = await makeActor("admin");
  adminCookie = { cookie: await logInFresh(admin.user.email, admin.user.password), origin: baseUrl() };
  const res = await request("POST", "/api/v1/api-tokens", { headers: adminCookie, body: { name: "billing" } });
  expect(res.status, res.text).toBe(201);
  provider = { authorization: `Bearer ${(res.json() as { token: string }).token}` };
}, 60_000);

describe("/api/v1 for billing systems", () => {
  it("POST /api/v1/api-tokens - the secret is returned once and stored only as a hash", async () => {
    const res = await request("POST", "/api/v1/api-tokens", { headers: adminCookie, body: { name: `t-${rnd()}` } });
    const body = res.json() as { id: string; token: string; prefix: string };
    expect(body.token).toMatch(/^corral_[\w-]{40,}$/);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: body.id } });
    expect(row.tokenHash).toBe(hashApiToken(body.token));
    expect(JSON.stringify(row)).not.toContain(body.token);
    const list = await request("GET", "/api/v1/api-tokens", { headers: adminCookie });
    expect(list.text).not.toContain(body.token);
    expect(list.text).toContain(body.prefix);
  });

  it("provision, usage, suspend, unsuspend, change plan and terminate with a provider token", async () => {
    const t = await request("POST", "/api/v1/tenants", { headers: provider, body: { name: "Billed", slug: `billed-${rnd()}`, quotaCts: 2, quotaRamBytes: 4 * 2 ** 30 } });
    expect(t.status, t.text).toBe(201);
    const tenantId = (t.json() as { id: string }).id;
    const p1 = await request("POST", "/api/v1/plans", { headers: provider, body: { name: `s-${rnd()}`, ramBytes: 2 ** 30, diskBytes: 10 * 2 ** 30 } });
    const p2 = await request("POST", "/api/v1/plans", { headers: provider, body: { name: `m-${rnd()}`, ramBytes: 2 * 2 ** 30, diskBytes: 20 * 2 ** 30 } });
    expect(p1.status, p1.text).toBe(201);
    const [small, medium] = [(p1.json() as { id: string }).id, (p2.json() as { id: string }).id];

    const ct = await request("POST", "/api/v1/cts", { headers: provider, body: { tenantId, planId: small, hostname: "billed1", idempotencyKey: `k-${rnd()}` } });
    expect(ct.status, ct.text).toBe(202);
    const created = ct.json() as { ct: { id: string; state: string; addresses: { address: string }[] }; taskId: string };
    expect(created.ct.state).toBe("creating");
    expect(created.ct.addresses).toHaveLength(1);

    const usage = (await request("GET", `/api/v1/tenants/${tenantId}/usage`, { headers: provider })).json() as { items: { key: string; used: number; allowed: number | null }[] };
    expect(usage.items.find((i) => i.key === "cts")).toMatchObject({ used: 1, allowed: 2 });
    expect(usage.items.find((i) => i.key === "ramBytes")).toMatchObject({ used: 2 ** 30, allowed: 4 * 2 ** 30 });

    expect((await request("POST", `/api/v1/tenants/${tenantId}/suspend`, { headers: provider })).status).toBe(200);
    const refused = await request("POST", "/api/v1/cts", { headers: provider, body: { tenantId, planId: small, hostname: "billed2" } });
    expect(refused.status).toBe(409);
    expect((refused.json() as { error: { message: string } }).error.message).toMatch(/suspended/);
    expect((await request("POST", `/api/v1/tenants/${tenantId}/unsuspend`, { headers: provider })).status).toBe(200);
    expect((await db().tenant.findUniqueOrThrow({ where: { id: tenantId } })).status).toBe("ACTIVE");

    // The create task is still queued here (no agent), so the plan change waits its turn: 409, or 202 once it ran.
    const change = await request("POST", `/api/v1/cts/${created.ct.id}/plan`, { headers: provider, body: { planId: medium } });
    expect([202, 409]).toContain(change.status);

    const list = (await request("GET", `/api/v1/cts?tenantId=${tenantId}`, { headers: provider })).json() as { total: number; cts: { id: string }[] };
    expect(list.cts.map((c) => c.id)).toEqual([created.ct.id]);
    expect(list.total).toBe(1);
    const audit = (await request("GET", `/api/v1/audit-events?tenantId=${tenantId}`, { headers: provider })).json() as { action: string; actorKind: string }[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["ct.provision", "tenant.suspend", "tenant.unsuspend"]));
    expect(audit.every((a) => a.actorKind === "api_token")).toBe(true);
  });

  it("DELETE /api/v1/tenants/{id} - refused while it has CTs, then deletes the tenant and its users", async () => {
    const t = (await request("POST", "/api/v1/tenants", { headers: provider, body: { name: "Gone", slug: `gone-${rnd()}` } })).json() as { id: string };
    const plan = (await request("POST", "/api/v1/plans", { headers: provider, body: { name: `g-${rnd()}`, ramBytes: 2 ** 30, diskBytes: 10 * 2 ** 30 } })).json() as { id: string };
    const u = await request("POST", "/api/v1/users", { headers: provider, body: { email: `gone-${rnd()}@example.test`, name: "Gone", password: "a long fine password", role: "owner", tenantId: t.id } });
    expect(u.status, u.text).toBe(201);
    const ct = (await request("POST", "/api/v1/cts", { headers: provider, body: { tenantId: t.id, planId: plan.id, hostname: "gone1" } })).json() as { ct: { id: string } };
    const refused = await request("DELETE", `/api/v1/tenants/${t.id}`, { headers: provider });
    expect(refused.status).toBe(409);
    expect((refused.json() as { error: { message: string } }).error.message).toMatch(/Terminate them first/);
    await db().ipAddress.updateMany({ where: { ctId: ct.ct.id }, data: { ctId: null } });
    await db().task.deleteMany({ where: { ctId: ct.ct.id } });
    await db().ct.delete({ where: { id: ct.ct.id } });
    const ok = await request("DELETE", `/api/v1/tenants/${t.id}`, { headers: provider });
    expect(ok.status, ok.text).toBe(200);
    expect(await db().tenant.findUnique({ where: { id: t.id } })).toBeNull();
    expect(await db().user.count({ where: { email: (u.json() as { email: string }).email } })).toBe(0);
  });

  it("a tenant token sees and acts on its own tenant only", async () => {
    const t = (await request("POST", "/api/v1/tenants", { headers: provider, body: { name: "Scoped", slug: `scoped-${rnd()}` } })).json() as { id: string };
    const tok = (await request("POST", "/api/v1/api-tokens", { headers: provider, body: { name: "tenant", tenantId: t.id } })).json() as { token: string };
    const mine = { authorization: `Bearer ${tok.token}` };
    const tenants = (await request("GET", "/api/v1/tenants", { headers: mine })).json() as { id: string }[];
    expect(tenants.map((x) => x.id)).toEqual([t.id]);
    expect((await request("POST", "/api/v1/tenants", { headers: mine, body: { name: "No", slug: `no-${rnd()}` } })).status).toBe(404);
  });

  it("DELETE /api/v1/api-tokens/{id} - a revoked token is refused at once", async () => {
    const made = (await request("POST", "/api/v1/api-tokens", { headers: adminCookie, body: { name: "short-lived" } })).json() as { id: string; token: string };
    const h = { authorization: `Bearer ${made.token}` };
    expect((await request("GET", "/api/v1/plans", { headers: h })).status).toBe(200);
    expect((await request("DELETE", `/api/v1/api-tokens/${made.id}`, { headers: adminCookie })).status).toBe(200);
    const after = await request("GET", "/api/v1/plans", { headers: h });
    expect(after.status).toBe(401);
    expect((after.json() as { error: { code: string } }).error.code).toBe("unauthorized");
  });
});

describe("sessions and origins", () => {
  it("refuses a state-changing request from another origin, even with a valid session", async () => {
    const res = await request("POST", "/api/v1/tenants", { headers: { ...adminCookie, origin: "https://evil.example" }, body: { name: "Evil", slug: `evil-${rnd()}` } });
    expect(res.status).toBe(403);
    expect((res.json() as { error: { code: string } }).error.code).toBe("forbidden");
    const sneaky = await request("POST", "/api/v1/tenants", { headers: { cookie: adminCookie.cookie!, "sec-fetch-site": "cross-site" }, body: { name: "Evil", slug: `evil-${rnd()}` } });
    expect(sneaky.status).toBe(403);
    // A server action posted from another origin is refused the same way.
    const action = await request("POST", "/tenants", { headers: { cookie: adminCookie.cookie!, origin: "https://evil.example", "next-action": "x" }, raw: "[]" });
    expect(action.status).toBe(403);
  });

  it("ends a session past its absolute lifetime, however active", async () => {
    const { user } = await makeActor("owner");
    const cookie = await logInFresh(user.email, user.password);
    expect((await request("GET", "/api/v1/plans", { headers: { cookie } })).status).toBe(200);
    await db().session.updateMany({ where: { userId: user.id }, data: { createdAt: new Date(Date.now() - 8 * 86_400_000) } });
    expect((await request("GET", "/api/v1/plans", { headers: { cookie } })).status).toBe(401);
  });

  it("ends an idle session", async () => {
    const { user } = await makeActor("owner");
    const cookie = await logInFresh(user.email, user.password);
    await db().session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await request("GET", "/api/v1/plans", { headers: { cookie } })).status).toBe(401);
  });
});
