// A running CT for the metrics tests: a simulated node with one busybox CT
// (corralctl create + start), its row in the database owned by a new tenant,
// and a login for that tenant's owner. Used by the nodes tests and e2e.
import { db } from "@/server/db/client";
import { makeActor, makeCustomer, rnd } from "./fixtures";
import type { SimNode } from "./node-sim";

export const CT_RAM = 64 * 2 ** 20;

export async function makeRunningCt(node: SimNode, nodeId: string, ctid: number) {
  node.ctl("create", String(ctid), "--ostemplate", "busybox", "--ram", String(CT_RAM), "--hostname", `m${ctid}`);
  node.ctl("start", String(ctid));
  const { tenant, owner } = await makeCustomer();
  const ct = await db().ct.create({
    data: { ctid, tenantId: tenant.id, nodeId, hostname: `metrics-${rnd()}`, ostemplate: "busybox", state: "RUNNING", ramBytes: BigInt(CT_RAM), swapBytes: 0n, diskBytes: 2n ** 30n, diskInodes: 0n, onboot: false },
  });
  return { ct, tenant, owner };
}

/** A customer of another tenant, to be refused. */
export async function makeStranger() {
  const { tenant } = await makeCustomer();
  return makeActor("owner", tenant.id);
}

/** Logs in over HTTP like a browser and returns the session cookie header. */
export async function logInAt(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** Removes what makeRunningCt put in the database (the node's cleanup removes the CT). */
export async function removeCtRows(ctIds: string[]) {
  await db().ctMetricMinute.deleteMany({ where: { ctId: { in: ctIds } } });
  await db().ctMetricHour.deleteMany({ where: { ctId: { in: ctIds } } });
  await db().notification.deleteMany({ where: { ctId: { in: ctIds } } });
  await db().ct.deleteMany({ where: { id: { in: ctIds } } });
}
