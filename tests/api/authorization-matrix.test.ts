// The authorization matrix: every /api/v1 route (from V1_ROUTES) tried as
// anonymous, as another tenant's owner (session and API token), as a member,
// and as support for anything that changes state. Each refusal must look
// exactly like the answer for a missing object, and leave the database as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { V1_ROUTES, type RouteKey, type RouteSpec } from "@/server/api/v1-routes";
import { createApiToken } from "@/server/api-tokens/create-api-token";
import { db } from "@/server/db/client";
import { baseUrl } from "../helpers/api-client";
import { dbSnapshot } from "../helpers/db-snapshot";
import { makeActor, makeCustomer, makeNode, makePlan, makePool, rnd } from "../helpers/fixtures";
import { logInFresh, request, type HttpResult } from "../helpers/http";
import { ROUTE_CASES, type Victim } from "./route-cases";

type Attacker = "anonymous" | "otherOwner" | "otherToken" | "member" | "support";
const ATTACKERS: Attacker[] = ["anonymous", "otherOwner", "otherToken", "member", "support"];

let victim: Victim;
let otherTenantId: string;
let missing: Victim;
const auth: Record<Attacker, Record<string, string>> = { anonymous: {}, otherOwner: {}, otherToken: {}, member: {}, support: {} };

beforeAll(async () => {
  const node = await makeNode();
  const pool = await makePool(5);
  const plan = await makePlan();
  const a = await makeCustomer();
  const b = await makeCustomer();
  const support = await makeActor("support");
  const ct = await db().ct.create({ data: { ctid: 100_000 + Math.floor(Math.random() * 1_000_000), tenantId: a.tenant.id, nodeId: node.id, planId: plan.id, hostname: "victim", ostemplate: "busybox", state: "STOPPED", ramBytes: plan.ramBytes, swapBytes: 0n, diskBytes: plan.diskBytes, diskInodes: plan.diskInodes } });
  const address = await db().ipAddress.findFirstOrThrow({ where: { poolId: pool.id } });
  await db().ipAddress.update({ where: { id: address.id }, data: { ctId: ct.id } });
  const token = await createApiToken(a.owner.actor, { name: "victim token" });
  const bToken = await createApiToken(b.owner.actor, { name: "attacker token" });
  // Finished, so the task runner leaves it alone; an orphan as reconciliation records one.
  const task = await db().task.create({ data: { kind: "start", status: "SUCCEEDED", progress: 100, ctId: ct.id, nodeId: node.id, tenantId: a.tenant.id, log: ["started"] } });
  const orphan = await db().orphanCt.create({ data: { nodeId: node.id, ctid: 900_000 + Math.floor(Math.random() * 90_000), status: "running" } });
  otherTenantId = b.tenant.id;
  victim = { tenantId: a.tenant.id, ctId: ct.id, userId: a.owner.user.id, tokenId: token.id, poolId: pool.id, addressId: address.id, planId: plan.id, nodeId: node.id, taskId: task.id, orphanId: orphan.id };
  const none = `missing-${rnd()}`;
  missing = { tenantId: none, ctId: none, userId: none, tokenId: none, poolId: none, addressId: none, planId: none, nodeId: none, taskId: none, orphanId: none };
  auth.otherOwner = { cookie: await logInFresh(b.owner.user.email, b.owner.user.password) };
  auth.otherToken = { authorization: `Bearer ${bToken.token}` };
  auth.member = { cookie: await logInFresh(a.member.user.email, a.member.user.password) };
  auth.support = { cookie: await logInFresh(support.user.email, support.user.password) };
}, 60_000);

const hasId = (key: string) => key.includes("{id}");
const bodyRefersToTenant = (key: RouteKey) => ["POST /api/v1/cts", "POST /api/v1/users", "POST /api/v1/api-tokens"].includes(key);

/** Whether this attacker must be refused on this route (otherwise it is allowed but scoped). */
function mustRefuse(attacker: Attacker, key: RouteKey, spec: RouteSpec): boolean {
  const write = !key.startsWith("GET ");
  switch (attacker) {
    case "anonymous":
      return true;
    case "otherOwner":
    case "otherToken":
      return spec.access === "provider" || spec.access === "staff-reader" || hasId(key) || bodyRefersToTenant(key);
    case "member":
      return spec.access !== "reader";
    case "support":
      return write;
  }
}

function call(key: RouteKey, v: Victim, headers: Record<string, string>): Promise<HttpResult> {
  const [method] = key.split(" ") as [string];
  const c = ROUTE_CASES[key as keyof typeof ROUTE_CASES];
  return request(method, c.path(v), { headers: { origin: baseUrl(), ...headers }, body: c.body?.(v) });
}

describe("authorization matrix over /api/v1", () => {
  it("covers every route in the registry", () => {
    const keys = Object.keys(V1_ROUTES).filter((k) => V1_ROUTES[k as RouteKey].access !== "public");
    expect(Object.keys(ROUTE_CASES).sort()).toEqual(keys.sort());
  });

  for (const key of Object.keys(ROUTE_CASES) as RouteKey[]) {
    const spec = V1_ROUTES[key] as RouteSpec;
    for (const attacker of ATTACKERS) {
      if (!mustRefuse(attacker, key, spec)) continue;
      it(`${key} - refused as ${attacker}, like a missing object, nothing changed`, async () => {
        const before = await dbSnapshot();
        const res = await call(key, victim, auth[attacker]);
        const absent = await call(key, missing, auth[attacker]);
        expect(res.status, res.text).toBe(attacker === "anonymous" ? 401 : 404);
        expect(res.json()).toEqual(absent.json());
        expect(res.status).toBe(absent.status);
        expect(await dbSnapshot()).toEqual(before);
      });
    }
  }

  for (const key of (Object.keys(ROUTE_CASES) as RouteKey[]).filter((k) => k.startsWith("GET "))) {
    const spec = V1_ROUTES[key] as RouteSpec;
    if (mustRefuse("otherOwner", key, spec)) continue;
    it(`${key} - as another tenant's owner lists none of the victim's objects`, async () => {
      const res = await call(key, victim, auth.otherOwner);
      expect(res.status, res.text).toBe(200);
      if (key === "GET /api/v1/audit-events") {
        // The trail holds this owner's own refused attempts, naming ids it sent; every row is its own tenant's.
        const rows = res.json() as { tenantId: string | null }[];
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((r) => r.tenantId === otherTenantId)).toBe(true);
        return;
      }
      for (const id of [victim.tenantId, victim.ctId, victim.userId, victim.tokenId]) expect(res.text).not.toContain(id);
    });
  }
});
