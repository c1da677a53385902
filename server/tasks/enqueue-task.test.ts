import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { toErrorBody } from "@/server/errors/to-error-body";
import { assertNoConflict } from "@/server/tasks/assert-no-conflict";
import { enqueueTask } from "@/server/tasks/enqueue-task";

const tag = `${process.pid}-${Date.now().toString(36)}`;
let nodeId: string, tenantId: string, ctId: string;

beforeAll(async () => {
  nodeId = (await db().node.create({ data: { name: `enq-${tag}` } })).id;
  tenantId = (await db().tenant.create({ data: { name: tag, slug: `enq-${tag}` } })).id;
  ctId = (await db().ct.create({ data: { ctid: 101, tenantId, nodeId, hostname: "h", ostemplate: "busybox", ramBytes: 1n, swapBytes: 0n, diskBytes: 1n, diskInodes: 0n } })).id;
});
afterAll(async () => {
  await db().task.deleteMany({ where: { ctId } });
  await db().ct.deleteMany({ where: { id: ctId } });
});

describe("enqueueTask", () => {
  it("50 concurrent requests on one CT: exactly one is queued, every other gets 409 naming it", async () => {
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => enqueueTask({ kind: "start", ctId, nodeId, tenantId })));
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    const id = (ok[0] as PromiseFulfilledResult<{ id: string }>).value.id;
    for (const r of results.filter((r) => r.status === "rejected")) {
      const { status, body } = toErrorBody((r as PromiseRejectedResult).reason);
      expect(status).toBe(409);
      expect(body.error.message).toContain(id);
    }
    await expect(assertNoConflict(ctId)).rejects.toThrow(id);
    await db().task.update({ where: { id }, data: { status: "SUCCEEDED" } });
    await expect(assertNoConflict(ctId)).resolves.toBeUndefined();
  });
});
