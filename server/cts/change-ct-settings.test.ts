import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { changeCtSettings } from "@/server/cts/change-ct-settings";
import { reinstallCt } from "@/server/cts/reinstall-ct";
import type { CtState } from "@/server/generated/prisma/client";
import { makeCustomer, makeNode, rnd } from "@/tests/helpers/fixtures";

let nodeId: string;
beforeAll(async () => {
  nodeId = (await makeNode()).id;
});

let nextCtid = 6000;
const makeCt = (tenantId: string, state: CtState = "RUNNING") =>
  db().ct.create({
    data: { ctid: nextCtid++, tenantId, nodeId, hostname: `h-${rnd()}`, ostemplate: "busybox", state, ramBytes: 1n << 28n, swapBytes: 0n, diskBytes: 1n << 30n, diskInodes: 100_000n },
  });
const failure = (p: Promise<unknown>) => p.then(() => null, (e) => e as { code: string; message: string; name: string });

describe("changeCtSettings", () => {
  it("updates the desired hostname and nameservers and queues one set task", async () => {
    const { tenant, member } = await makeCustomer();
    const ct = await makeCt(tenant.id);
    const task = await changeCtSettings(member.actor, ct.id, { hostname: "Web-1.Example.com", nameservers: ["192.0.2.53"] });
    expect(task.kind).toBe("set");
    const row = await db().ct.findUniqueOrThrow({ where: { id: ct.id } });
    expect(row.hostname).toBe("web-1.example.com");
    expect(row.nameservers).toEqual(["192.0.2.53"]);
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).input).toEqual({ hostname: "web-1.example.com", nameservers: ["192.0.2.53"] });
  });

  it.each([
    [{ hostname: "bad_host!" }, "hostname"],
    [{ nameservers: ["300.1.1.1"] }, "nameservers"],
    [{ hostname: "ok", extra: 1 }, "extra"],
  ])("rejects %o naming the field and changes nothing", async (input, field) => {
    const { tenant, owner } = await makeCustomer();
    const ct = await makeCt(tenant.id);
    const err = await failure(changeCtSettings(owner.actor, ct.id, input));
    expect(err?.name).toBe("ZodError");
    expect(JSON.stringify(err)).toContain(field);
    expect(await db().task.count({ where: { ctId: ct.id } })).toBe(0);
    expect((await db().ct.findUniqueOrThrow({ where: { id: ct.id } })).hostname).toBe(ct.hostname);
  });

  it("another tenant's CT is not found and unchanged", async () => {
    const a = await makeCustomer();
    const b = await makeCustomer();
    const ct = await makeCt(a.tenant.id);
    expect((await failure(changeCtSettings(b.owner.actor, ct.id, { hostname: "taken" })))?.code).toBe("not_found");
    expect((await db().ct.findUniqueOrThrow({ where: { id: ct.id } })).hostname).toBe(ct.hostname);
  });
});

describe("reinstallCt", () => {
  it("needs the typed hostname and a stopped CT", async () => {
    const { tenant, owner, member } = await makeCustomer();
    const ct = await makeCt(tenant.id, "STOPPED");
    expect(await failure(reinstallCt(owner.actor, ct.id, { confirmHostname: "wrong" }))).toMatchObject({ code: "bad_request" });
    expect((await failure(reinstallCt(member.actor, ct.id, { confirmHostname: ct.hostname })))?.code).toBe("not_found");
    const running = await makeCt(tenant.id, "RUNNING");
    expect(await failure(reinstallCt(owner.actor, running.id, { confirmHostname: running.hostname }))).toMatchObject({ code: "conflict" });
    const task = await reinstallCt(owner.actor, ct.id, { confirmHostname: ct.hostname });
    expect(task.kind).toBe("reinstall");
  });
});
