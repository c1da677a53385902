// Helpers for the bulk actions spec: real CTs on the test server's node,
// provisioned through the same service the dashboard uses, and their removal.
import { expect } from "@playwright/test";
import type { Actor } from "@/server/access/actor";
import { provisionCt } from "@/server/cts/provision-ct";
import { requestCtAction } from "@/server/cts/request-ct-action";
import { terminateCt } from "@/server/cts/terminate-ct";
import { db } from "@/server/db/client";
import { nodeName } from "./cts";

/** Provisions busybox CTs (no addresses: faster, no nft) on the real node and waits until each runs. */
export async function runningCts(admin: Actor, tenantId: string, planId: string, hostnames: string[]) {
  const node = await db().node.findFirstOrThrow({ where: { name: nodeName } });
  for (const hostname of hostnames) await provisionCt(admin, { tenantId, planId, hostname, nodeId: node.id });
  await expect
    .poll(async () => (await db().ct.findMany({ where: { tenantId, hostname: { in: hostnames } }, select: { state: true } })).map((c) => c.state).join(","), { timeout: 120_000 })
    .toBe(hostnames.map(() => "RUNNING").join(","));
  return db().ct.findMany({ where: { tenantId, hostname: { in: hostnames } }, orderBy: { hostname: "asc" } });
}

/** Stops and destroys the tenant's CTs through the panel (tasks, as a provider would) and waits until they are gone. */
export async function destroyTenantCts(admin: Actor, tenantId: string) {
  await expect(async () => {
    const left = await db().ct.findMany({ where: { tenantId }, select: { id: true, state: true } });
    for (const ct of left) {
      const active = await db().task.count({ where: { ctId: ct.id, status: { in: ["QUEUED", "RUNNING"] } } });
      if (active) continue;
      if (ct.state === "RUNNING") await requestCtAction(admin, ct.id, "force-stop").catch(() => null);
      else await terminateCt(admin, ct.id).catch(() => null);
    }
    expect(await db().ct.count({ where: { tenantId } })).toBe(0);
  }).toPass({ timeout: 120_000, intervals: [1000, 2000, 3000] });
}
