import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { requestCtAction } from "@/server/cts/request-ct-action";
import type { CtState } from "@/server/generated/prisma/client";
import { makeActor, makeCustomer, makeNode, rnd } from "@/tests/helpers/fixtures";

let nodeId: string;
beforeAll(async () => {
  nodeId = (await makeNode()).id;
});

let nextCtid = 5000;
async function makeCt(tenantId: string, state: CtState) {
  return db().ct.create({
    data: { ctid: nextCtid++, tenantId, nodeId, hostname: `h-${rnd()}`, ostemplate: "busybox", state, ramBytes: 1n << 28n, swapBytes: 0n, diskBytes: 1n << 30n, diskInodes: 100_000n },
  });
}

const failure = (p: Promise<unknown>) => p.then(() => null, (e) => e as { code: string; message: string });

describe("requestCtAction", () => {
  it("queues a start for a stopped CT of the caller's tenant and audits it", async () => {
    const { tenant, member } = await makeCustomer();
    const ct = await makeCt(tenant.id, "STOPPED");
    const task = await requestCtAction(member.actor, ct.id, "start");
    expect(task).toMatchObject({ kind: "start", status: "queued", ctId: ct.id });
    const audit = await db().auditEvent.findFirst({ where: { ctId: ct.id, action: "ct.start" } });
    expect(audit).toMatchObject({ result: "success", actorId: member.user.id, tenantId: tenant.id });
  });

  it("force stop is a fast stop task", async () => {
    const { tenant, owner } = await makeCustomer();
    const ct = await makeCt(tenant.id, "RUNNING");
    const task = await requestCtAction(owner.actor, ct.id, "force-stop");
    const row = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    expect(row.kind).toBe("stop");
    expect(row.input).toEqual({ fast: true });
  });

  it("refuses an action the state does not allow, with a sentence, and queues nothing", async () => {
    const { tenant, owner } = await makeCustomer();
    const ct = await makeCt(tenant.id, "STOPPED");
    const err = await failure(requestCtAction(owner.actor, ct.id, "stop"));
    expect(err).toMatchObject({ code: "conflict", message: "The CT is not running. Start it first." });
    expect(await db().task.count({ where: { ctId: ct.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { ctId: ct.id, action: "ct.stop", result: "failure" } })).toBe(1);
  });

  it("a second action while one is queued gets 409 naming the task in the way", async () => {
    const { tenant, owner } = await makeCustomer();
    const ct = await makeCt(tenant.id, "RUNNING");
    const first = await requestCtAction(owner.actor, ct.id, "restart");
    const err = await failure(requestCtAction(owner.actor, ct.id, "force-stop"));
    expect(err?.code).toBe("conflict");
    expect(err?.message).toContain(first.id);
  });

  it("another tenant's owner and support staff get the not_found of a missing CT", async () => {
    const a = await makeCustomer();
    const b = await makeCustomer();
    const ct = await makeCt(a.tenant.id, "STOPPED");
    const support = await makeActor("support");
    const missing = await failure(requestCtAction(b.owner.actor, "no-such-ct", "start"));
    const foreign = await failure(requestCtAction(b.owner.actor, ct.id, "start"));
    const staff = await failure(requestCtAction(support.actor, ct.id, "start"));
    expect(missing?.code).toBe("not_found");
    expect(foreign).toEqual(missing);
    expect(staff).toEqual(missing);
    expect(await db().task.count({ where: { ctId: ct.id } })).toBe(0);
  });

  it("a suspended tenant cannot start its CTs", async () => {
    const { tenant, owner } = await makeCustomer();
    const ct = await makeCt(tenant.id, "STOPPED");
    await db().tenant.update({ where: { id: tenant.id }, data: { status: "SUSPENDED" } });
    const err = await failure(requestCtAction(owner.actor, ct.id, "start"));
    expect(err).toMatchObject({ code: "forbidden" });
  });
});
