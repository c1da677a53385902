import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { makeCustomer, makeNode, rnd } from "@/tests/helpers/fixtures";
import { baseUrl, logInCookie } from "../helpers/api-client";

describe("POST /api/v1/cts/{id}/actions", () => {
  it("an owner starts a stopped CT: 202 with the queued task, listed by GET /api/v1/cts/{id}/tasks", async () => {
    const { tenant, owner } = await makeCustomer();
    const node = await makeNode();
    const ct = await db().ct.create({
      data: { ctid: 9000 + Math.floor(Math.random() * 1000), tenantId: tenant.id, nodeId: node.id, hostname: `a-${rnd()}`, ostemplate: "busybox", state: "STOPPED", ramBytes: 1n << 28n, swapBytes: 0n, diskBytes: 1n << 30n, diskInodes: 100_000n },
    });
    const cookie = await logInCookie(owner.user.email, owner.user.password);
    const headers = { cookie, origin: baseUrl(), "content-type": "application/json" };
    const res = await fetch(`${baseUrl()}/api/v1/cts/${ct.id}/actions`, { method: "POST", headers, body: JSON.stringify({ action: "start" }) });
    expect(res.status).toBe(202);
    const task = await res.json();
    expect(task).toMatchObject({ kind: "start", ctId: ct.id });
    const list = await (await fetch(`${baseUrl()}/api/v1/cts/${ct.id}/tasks`, { headers })).json();
    expect(list.map((t: { id: string }) => t.id)).toContain(task.id);
  });

  it("an unknown action is refused naming the field, and nothing is queued", async () => {
    const { tenant, owner } = await makeCustomer();
    const node = await makeNode();
    const ct = await db().ct.create({
      data: { ctid: 9000 + Math.floor(Math.random() * 1000), tenantId: tenant.id, nodeId: node.id, hostname: `b-${rnd()}`, ostemplate: "busybox", state: "RUNNING", ramBytes: 1n << 28n, swapBytes: 0n, diskBytes: 1n << 30n, diskInodes: 100_000n },
    });
    const cookie = await logInCookie(owner.user.email, owner.user.password);
    const res = await fetch(`${baseUrl()}/api/v1/cts/${ct.id}/actions`, {
      method: "POST",
      headers: { cookie, origin: baseUrl(), "content-type": "application/json" },
      body: JSON.stringify({ action: "explode" }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("action");
    expect(await db().task.count({ where: { ctId: ct.id } })).toBe(0);
  });
});
