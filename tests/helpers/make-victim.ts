// A tenant with objects of every kind the actions touch: the target of the
// authorization matrix and of the audit test.
import { createApiToken } from "@/server/api-tokens/create-api-token";
import { db } from "@/server/db/client";
import type { Victim } from "./action-cases";
import { makeCustomer, makeNode, makePlan, makePool } from "./fixtures";

export async function makeVictim() {
  const node = await makeNode();
  const pool = await makePool(20);
  const plan = await makePlan();
  const customer = await makeCustomer();
  const ct = await db().ct.create({
    data: { ctid: 300_000 + Math.floor(Math.random() * 1_000_000), tenantId: customer.tenant.id, nodeId: node.id, planId: plan.id, hostname: "victim", ostemplate: "busybox", state: "STOPPED", ramBytes: plan.ramBytes, swapBytes: 0n, diskBytes: plan.diskBytes, diskInodes: plan.diskInodes },
  });
  const address = await db().ipAddress.findFirstOrThrow({ where: { poolId: pool.id, ctId: null } });
  await db().ipAddress.update({ where: { id: address.id }, data: { ctId: ct.id } });
  const token = await createApiToken(customer.owner.actor, { name: "victim" });
  const victim: Victim = { nodeId: node.id, ctId: ct.id, tenantId: customer.tenant.id, userId: customer.member.user.id, planId: plan.id, poolId: pool.id, addressId: address.id, tokenId: token.id, freeRangeBase: pool.cidr.replace(/0\/24$/, "") };
  return { victim, customer, ct };
}
