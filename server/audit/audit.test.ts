import { beforeAll, describe, expect, it } from "vitest";
import { auditEventsToCsv } from "@/server/audit/audit-events-to-csv";
import { listAuditEvents } from "@/server/audit/list-audit-events";
import { db } from "@/server/db/client";
import { ACTION_CASES } from "@/tests/helpers/action-cases";
import { makeActor, makeCustomer } from "@/tests/helpers/fixtures";
import { makeVictim } from "@/tests/helpers/make-victim";
import type { Actor } from "@/server/access/actor";

let admin: Actor;
beforeAll(async () => {
  admin = (await makeActor("admin")).actor;
});

const lastId = async () => (await db().auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;

describe("audit trail", () => {
  for (const [name, c] of Object.entries(ACTION_CASES).filter(([, c]) => !c.noAuditHere)) {
    it(`${name} - writes exactly one success event with actor, IP and user agent`, async () => {
      const { victim } = await makeVictim();
      const since = await lastId();
      await c.call(admin, victim);
      const rows = await db().auditEvent.findMany({ where: { id: { gt: since }, actorId: (admin as { userId: string }).userId } });
      expect(rows.map((r) => [r.action, r.result])).toEqual([[c.audit, "success"]]);
      expect(rows[0]).toMatchObject({ actorKind: "user", sourceIp: "192.0.2.7", userAgent: "vitest" });
      expect(rows[0]!.at.getTime()).toBeGreaterThan(Date.now() - 60_000);
    });
  }

  it("records a refused attempt as one failure event", async () => {
    const { victim } = await makeVictim();
    const intruder = await makeCustomer();
    const since = await lastId();
    await ACTION_CASES.setTenantStatusAction!.call(intruder.owner.actor, victim).catch(() => {});
    const rows = await db().auditEvent.findMany({ where: { id: { gt: since }, actorId: intruder.owner.user.id } });
    expect(rows.map((r) => [r.action, r.result])).toEqual([["tenant.suspend", "failure"]]);
    expect(rows[0]!.detail).toMatch(/not_found/);
  });

  it("never stores passwords in the changes", async () => {
    const { victim } = await makeVictim();
    const since = await lastId();
    await ACTION_CASES.createUserAction!.call(admin, victim);
    const row = await db().auditEvent.findFirstOrThrow({ where: { id: { gt: since }, action: "user.create" } });
    expect(JSON.stringify(row.changes)).not.toMatch(/password/i);
    expect(row.changes).toMatchObject({ role: "member" });
  });

  it("refuses UPDATE, DELETE and TRUNCATE on audit_event in the database", async () => {
    await ACTION_CASES.createTenantAction!.call(admin, (await makeVictim()).victim);
    const id = await lastId();
    await expect(db().$executeRaw`UPDATE audit_event SET action = 'forged' WHERE id = ${id}`).rejects.toThrow(/append-only/);
    await expect(db().$executeRaw`DELETE FROM audit_event WHERE id = ${id}`).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
    await expect(db().auditEvent.delete({ where: { id } })).rejects.toThrow();
    expect((await db().auditEvent.findUniqueOrThrow({ where: { id } })).action).toBe("tenant.create");
  });

  it("shows customers their tenant's slice only, admins everything", async () => {
    const a = await makeVictim();
    const b = await makeCustomer();
    await ACTION_CASES.createApiTokenAction!.call(a.customer.owner.actor, a.victim);
    const mine = await listAuditEvents(b.owner.actor, { tenantId: a.victim.tenantId });
    expect(mine.every((e) => e.tenantId === b.tenant.id)).toBe(true);
    const theirs = await listAuditEvents(a.customer.owner.actor, {});
    expect(theirs.some((e) => e.action === "api_token.create")).toBe(true);
    expect(theirs.every((e) => e.tenantId === a.victim.tenantId)).toBe(true);
    const all = await listAuditEvents(admin, { tenantId: a.victim.tenantId });
    expect(all.length).toBeGreaterThanOrEqual(theirs.length);
    await expect(listAuditEvents(a.customer.member.actor, {})).rejects.toMatchObject({ code: "not_found" });
  });

  it("filters by action and result, and exports CSV with quoting and no formulas", async () => {
    const rows = await listAuditEvents(admin, { action: "tenant.", result: "success", limit: 5 });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.action.startsWith("tenant.") && r.result === "success")).toBe(true);
    const csv = auditEventsToCsv([{ ...rows[0]!, detail: '=HYPERLINK("x"), "quoted"' }]);
    const [header, line] = csv.trim().split("\r\n");
    expect(header).toBe("id,at,actor_kind,actor_email,actor_id,tenant_id,ct_id,action,result,source_ip,user_agent,changes,detail");
    expect(line).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);
  });
});
