import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { searchCts } from "@/server/cts/search-cts";
import { makeActor, makeCustomer, makeNode, makePool, rnd } from "@/tests/helpers/fixtures";

let nodeId: string;
let nextCtid = 7000;
beforeAll(async () => {
  nodeId = (await makeNode()).id;
});

async function makeCt(tenantId: string, hostname: string, address?: { poolId: string }) {
  const ct = await db().ct.create({
    data: { ctid: nextCtid++, tenantId, nodeId, hostname, ostemplate: "busybox", state: "RUNNING", ramBytes: 1n << 28n, swapBytes: 0n, diskBytes: 1n << 30n, diskInodes: 100_000n },
  });
  if (address) {
    const free = await db().ipAddress.findFirstOrThrow({ where: { poolId: address.poolId, ctId: null } });
    await db().ipAddress.update({ where: { id: free.id }, data: { ctId: ct.id } });
    return { ...ct, address: free.address };
  }
  return { ...ct, address: undefined };
}

describe("searchCts", () => {
  it("finds a CT by CTID, IP prefix or hostname, only within the caller's tenant", async () => {
    const a = await makeCustomer();
    const b = await makeCustomer();
    const pool = await makePool(10);
    const tag = rnd();
    const mine = await makeCt(a.tenant.id, `alpha-${tag}`, { poolId: pool.id });
    const theirs = await makeCt(b.tenant.id, `alpha-${tag}-b`);

    const byName = await searchCts(a.owner.actor, { q: `alpha-${tag}` });
    expect(byName.cts.map((c) => c.id)).toEqual([mine.id]);
    expect((await searchCts(a.owner.actor, { q: String(mine.ctid) })).cts.map((c) => c.id)).toEqual([mine.id]);
    expect((await searchCts(a.owner.actor, { q: mine.address! })).cts.map((c) => c.id)).toEqual([mine.id]);
    // B's CT is invisible to A, even by its exact CTID.
    expect((await searchCts(a.owner.actor, { q: String(theirs.ctid) })).total).toBe(0);

    const support = await makeActor("support");
    const staffView = await searchCts(support.actor, { q: `alpha-${tag}` });
    expect(staffView.cts.map((c) => c.id).sort()).toEqual([mine.id, theirs.id].sort());
    expect((await searchCts(support.actor, { q: a.tenant.name })).cts.map((c) => c.id)).toContain(mine.id);
  });

  it("pages and sorts in the database", async () => {
    const { tenant, owner } = await makeCustomer();
    for (let i = 0; i < 7; i++) await makeCt(tenant.id, `p${i}-${rnd()}`);
    const first = await searchCts(owner.actor, { sort: "ctid", dir: "asc", pageSize: 3 });
    const second = await searchCts(owner.actor, { sort: "ctid", dir: "asc", pageSize: 3, page: 2 });
    expect(first.total).toBe(7);
    expect(first.cts).toHaveLength(3);
    expect(second.cts[0]!.ctid).toBeGreaterThan(first.cts[2]!.ctid);
  });

  it("rejects a page size the table does not offer", async () => {
    const { owner } = await makeCustomer();
    await expect(searchCts(owner.actor, { pageSize: 10_000 })).rejects.toThrow();
  });
});
