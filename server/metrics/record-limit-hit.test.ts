// A limit hit becomes a timeline event, a tenant notification and a call to
// the tenant's webhook.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { listNotifications } from "@/server/metrics/list-notifications";
import { recordLimitHit } from "@/server/metrics/record-limit-hit";
import { makeCustomer, makeNode, rnd } from "@/tests/helpers/fixtures";

const received: unknown[] = [];
const hook = http.createServer((req, res) => {
  let body = "";
  req.on("data", (d) => (body += d));
  req.on("end", () => {
    received.push(JSON.parse(body));
    res.end("ok");
  });
});
await new Promise<void>((r) => hook.listen(0, "127.0.0.1", () => r()));
afterAll(() => new Promise((r) => hook.close(r)));

describe("recordLimitHit", () => {
  it("writes the timeline event and notification and calls the tenant's webhook", async () => {
    const { tenant, owner } = await makeCustomer();
    const other = await makeCustomer();
    await db().tenant.update({ where: { id: tenant.id }, data: { webhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/corral` } });
    const node = await makeNode();
    const ct = await db().ct.create({ data: { ctid: 4242, tenantId: tenant.id, nodeId: node.id, hostname: `web-${rnd()}`, ostemplate: "busybox", ramBytes: 2n ** 29n, swapBytes: 0n, diskBytes: 2n ** 30n, diskInodes: 0n } });
    const view = await recordLimitHit(ct, { ctid: 4242, resource: "oom_kill", count: 2, limit: 2 ** 29, processes: ["php-fpm", "php-fpm"] });
    expect(view.message).toBe(`${ct.hostname} ran out of its 512 MB of RAM; the kernel stopped php-fpm.`);
    const events = await db().ctEvent.findMany({ where: { ctId: ct.id } });
    expect(events).toMatchObject([{ kind: "oom_kill", resource: "physpages", count: 2, process: "php-fpm" }]);
    expect((await listNotifications(owner.actor)).map((n) => n.message)).toContain(view.message);
    expect((await listNotifications(other.owner.actor)).map((n) => n.message)).not.toContain(view.message);
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(1);
    expect(received[0]).toMatchObject({ type: "ct.limit_hit", ctId: ct.id, kind: "oom_kill", message: view.message });
    await db().notification.deleteMany({ where: { ctId: ct.id } });
    await db().ct.delete({ where: { id: ct.id } });
  });
});
