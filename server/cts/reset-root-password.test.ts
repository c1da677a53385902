import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { resetRootPassword } from "@/server/cts/reset-root-password";
import { makeCustomer, makeNode, rnd } from "@/tests/helpers/fixtures";

let nodeId: string;
beforeAll(async () => {
  nodeId = (await makeNode()).id;
});

let nextCtid = 8000;
const makeCt = (tenantId: string) =>
  db().ct.create({
    data: { ctid: nextCtid++, tenantId, nodeId, hostname: `h-${rnd()}`, ostemplate: "busybox", state: "RUNNING", ramBytes: 1n << 28n, swapBytes: 0n, diskBytes: 1n << 30n, diskInodes: 100_000n },
  });
const failure = (p: Promise<unknown>) => p.then(() => null, (e) => e as { code?: string; name?: string; message: string });

describe("resetRootPassword", () => {
  it("with no agent to reach, fails the task honestly and stores the password nowhere", async () => {
    const { tenant, owner } = await makeCustomer();
    const ct = await makeCt(tenant.id);
    const secret = `pw-${rnd()}-${rnd()}`;
    const err = await failure(resetRootPassword(owner.actor, ct.id, { password: secret }));
    expect(err?.code).toBe("unavailable");
    const task = await db().task.findFirstOrThrow({ where: { ctId: ct.id } });
    expect(task.status).toBe("FAILED");
    const audit = await db().auditEvent.findMany({ where: { ctId: ct.id } });
    expect(audit.map((a) => a.action)).toContain("ct.password");
    expect(JSON.stringify({ task, audit }, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(secret);
  });

  it("refuses a short or multi-line password naming it, and changes nothing", async () => {
    const { tenant, owner } = await makeCustomer();
    const ct = await makeCt(tenant.id);
    expect((await failure(resetRootPassword(owner.actor, ct.id, { password: "short" })))?.name).toBe("ZodError");
    expect((await failure(resetRootPassword(owner.actor, ct.id, { password: "long enough\nsecond" })))?.name).toBe("ZodError");
    expect(await db().task.count({ where: { ctId: ct.id } })).toBe(0);
  });

  it("a member or another tenant's owner gets not_found", async () => {
    const a = await makeCustomer();
    const b = await makeCustomer();
    const ct = await makeCt(a.tenant.id);
    expect((await failure(resetRootPassword(a.member.actor, ct.id, { password: "long enough pw" })))?.code).toBe("not_found");
    expect((await failure(resetRootPassword(b.owner.actor, ct.id, { password: "long enough pw" })))?.code).toBe("not_found");
    expect(await db().task.count({ where: { ctId: ct.id } })).toBe(0);
  });
});
