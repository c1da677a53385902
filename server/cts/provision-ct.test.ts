import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { provisionCt } from "@/server/cts/provision-ct";
import { makeActor, makeCustomer, makeNode, makePlan, makePool, rnd } from "@/tests/helpers/fixtures";

let planId: string;
beforeAll(async () => {
  await makeNode();
  await makePool(200);
  planId = (await makePlan()).id;
});

describe("provisionCt", () => {
  it("20 concurrent provisions against a quota of 5 create exactly 5 CTs", async () => {
    const { tenant, owner } = await makeCustomer({ quotaCts: 5 });
    const results = await Promise.allSettled([...Array(20)].map((_, i) => provisionCt(owner.actor, { planId, hostname: `race-${i}` })));
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const r of refused) expect((r.reason as AppError).code).toBe("conflict");
    expect(await db().ct.count({ where: { tenantId: tenant.id } })).toBe(5);
    expect(await db().task.count({ where: { tenantId: tenant.id, kind: "create" } })).toBe(5);
    // Each CT got its own address.
    const held = await db().ipAddress.findMany({ where: { ct: { tenantId: tenant.id } } });
    expect(new Set(held.map((a) => a.address)).size).toBe(5);
  }, 60_000);

  it("says which quota a request would exceed, and changes nothing", async () => {
    const { tenant, owner } = await makeCustomer({ quotaRamBytes: 2 ** 30 });
    await provisionCt(owner.actor, { planId, hostname: "first" });
    const before = await db().ct.count({ where: { tenantId: tenant.id } });
    const err = await provisionCt(owner.actor, { planId, hostname: "second" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("conflict");
    expect(err.message).toMatch(/exceed your RAM quota/);
    expect(err.opts.fields[0].path).toBe("quotaRamBytes");
    expect(await db().ct.count({ where: { tenantId: tenant.id } })).toBe(before);
  });

  it("creates the CT in state CREATING with a create task, an address and an audit event", async () => {
    const { tenant, owner } = await makeCustomer();
    const { ct, taskId } = await provisionCt(owner.actor, { planId, hostname: `web-${rnd()}` });
    expect(ct.state).toBe("creating");
    expect(ct.ctid).toBeGreaterThanOrEqual(101);
    expect(ct.addresses).toHaveLength(1);
    const task = await db().task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.kind).toBe("create");
    const audit = await db().auditEvent.findFirst({ where: { ctId: ct.id, action: "ct.provision" } });
    expect(audit).toMatchObject({ result: "success", tenantId: tenant.id, actorId: owner.user.id, sourceIp: "192.0.2.7" });
  });

  it("refuses another tenant's id like a missing tenant, and a suspended tenant", async () => {
    const a = await makeCustomer();
    const b = await makeCustomer();
    const other = await provisionCt(b.owner.actor, { planId, hostname: "x", tenantId: a.tenant.id }).catch((e) => e);
    const missing = await provisionCt(b.owner.actor, { planId, hostname: "x", tenantId: "no-such-tenant" }).catch((e) => e);
    expect(other.code).toBe("not_found");
    expect(other.message).toBe(missing.message);
    await db().tenant.update({ where: { id: a.tenant.id }, data: { status: "SUSPENDED" } });
    const suspended = await provisionCt(a.owner.actor, { planId, hostname: "x" }).catch((e) => e);
    expect(suspended.message).toMatch(/suspended/);
    expect(await db().ct.count({ where: { tenantId: { in: [a.tenant.id, b.tenant.id] } } })).toBe(0);
  });

  it("refuses members and support", async () => {
    const a = await makeCustomer();
    const support = await makeActor("support");
    for (const actor of [a.member.actor, support.actor]) {
      const err = await provisionCt(actor, { planId, hostname: "x", tenantId: a.tenant.id }).catch((e) => e);
      expect(err.code).toBe("not_found");
    }
    expect(await db().ct.count({ where: { tenantId: a.tenant.id } })).toBe(0);
  });
});
