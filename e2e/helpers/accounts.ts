// Seeds what a browser cannot create by itself: the first admin (the setup link
// belongs to first-run.spec.ts) and a node (nodes join through their agent).
// Writes straight to the test database in DATABASE_URL.
import crypto from "node:crypto";
import { createUser } from "@/server/auth/create-user";
import { db } from "@/server/db/client";

export const rnd = () => crypto.randomBytes(3).toString("hex");

export async function seedAdmin() {
  const email = `e2e-admin-${rnd()}@example.test`;
  const password = "admin password for e2e";
  await createUser({ email, name: "E2E Admin", password, role: "admin" });
  return { email, password };
}

export async function seedNode() {
  return db().node.create({ data: { name: `e2e-node-${rnd()}`, status: "ONLINE", ramBytes: 64n * 2n ** 30n, diskBytes: 1000n * 2n ** 30n, cpus: 8, lastSeenAt: new Date() } });
}

export async function cleanUp(tenantSlug: string) {
  const tenant = await db().tenant.findUnique({ where: { slug: tenantSlug } });
  if (!tenant) return;
  await db().ipAddress.updateMany({ where: { ct: { tenantId: tenant.id } }, data: { ctId: null } });
  await db().task.deleteMany({ where: { tenantId: tenant.id } });
  await db().ct.deleteMany({ where: { tenantId: tenant.id } });
}

export async function disconnect() {
  await db().$disconnect();
}
