// Test fixtures written straight to the test database (DATABASE_URL): tenants,
// users with Actors, nodes, plans and pools, with random names so tests never
// collide. Server, API and e2e tests share them.
import crypto from "node:crypto";
import type { Actor, Role } from "@/server/access/actor";
import { createUser } from "@/server/auth/create-user";
import { db } from "@/server/db/client";

export const PASSWORD = "a long test password";
const GiB = 2 ** 30;
export const rnd = () => crypto.randomBytes(4).toString("hex");

export async function makeTenant(quotas: { quotaCts?: number | null; quotaRamBytes?: number | null; quotaIpv4?: number | null } = {}) {
  const slug = `t-${rnd()}`;
  return db().tenant.create({
    data: { name: `Tenant ${slug}`, slug, quotaCts: quotas.quotaCts ?? null, quotaRamBytes: quotas.quotaRamBytes == null ? null : BigInt(quotas.quotaRamBytes), quotaIpv4: quotas.quotaIpv4 ?? null },
  });
}

export async function makeActor(role: Role, tenantId: string | null = null) {
  const user = await createUser({ email: `${role}-${rnd()}@example.test`, name: `Test ${role}`, password: PASSWORD, role });
  if (tenantId) await db().user.update({ where: { id: user.id }, data: { tenantId } });
  const actor: Actor = { kind: "user", userId: user.id, email: user.email, role, tenantId, ip: "192.0.2.7", userAgent: "vitest" };
  return { user: { ...user, tenantId, password: PASSWORD }, actor };
}

export async function makeNode(opts: { ramGiB?: number; diskGiB?: number } = {}) {
  return db().node.create({
    data: { name: `node-${rnd()}`, status: "ONLINE", ramBytes: BigInt((opts.ramGiB ?? 64) * GiB), diskBytes: BigInt((opts.diskGiB ?? 1000) * GiB), cpus: 16, lastSeenAt: new Date() },
  });
}

export async function makePlan(opts: { ramGiB?: number; ipv4Count?: number } = {}) {
  return db().plan.create({
    data: { name: `plan-${rnd()}`, ramBytes: BigInt((opts.ramGiB ?? 1) * GiB), swapBytes: 0n, diskBytes: BigInt(10 * GiB), diskInodes: 200_000n, ipv4Count: opts.ipv4Count ?? 1 },
  });
}

let poolCounter = 0;
/** A shared IPv4 pool with `count` free addresses in a fresh 10.x.y.0/24. */
export async function makePool(count = 50, nodeId: string | null = null) {
  // Addresses are unique across pools, and test files share one database: a
  // random /24 another test already took gets none of its addresses (skipped
  // as duplicates), so such a pool is dropped and another /24 drawn.
  for (let attempt = 0; ; attempt++) {
    const a = 100 + (Number.parseInt(rnd().slice(0, 2), 16) % 150);
    const b = (poolCounter++ * 7 + Number.parseInt(rnd().slice(0, 2), 16)) % 256;
    const pool = await db().ipPool.create({ data: { name: `pool-${rnd()}`, family: 4, cidr: `10.${a}.${b}.0/24`, nodeId } });
    const made = await db().ipAddress.createMany({ data: [...Array(count)].map((_, i) => ({ poolId: pool.id, address: `10.${a}.${b}.${i + 2}` })), skipDuplicates: true });
    if (made.count === count || attempt === 20) return pool;
    await db().ipAddress.deleteMany({ where: { poolId: pool.id } });
    await db().ipPool.delete({ where: { id: pool.id } });
  }
}

/** A tenant with an owner, a member, a node, a plan and free addresses, ready to provision. */
export async function makeCustomer(quotas: Parameters<typeof makeTenant>[0] = {}) {
  const tenant = await makeTenant(quotas);
  const owner = await makeActor("owner", tenant.id);
  const member = await makeActor("member", tenant.id);
  return { tenant, owner, member };
}
