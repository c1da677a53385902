// The panel's CTID -> CT cache for agent frames: a CT created after the cache
// was filled is charted from the first frame that carries it, and a CTID the
// database does not know (an orphan) is not looked up on every frame.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db/client";
import { METRIC_COUNT } from "@/server/metrics/metric-fields";
import { frameFromBatch } from "@/server/metrics/metrics-frame";
import { ingestMetricsBatch } from "@/server/metrics/ingest-metrics-batch";
import { metricsStore } from "@/server/metrics/metrics-store";
import { makeCustomer, makeNode, rnd } from "@/tests/helpers/fixtures";

const row = (ctid: number, cpu: number): [number, ...(number | null)[]] => [ctid, cpu, ...Array<null>(METRIC_COUNT - 1).fill(null)];
const frame = (t: number, ctids: number[]) => frameFromBatch({ t, intervalMs: 1000, cts: ctids.map((c) => row(c, c / 10)), hits: [], oomKills: [] });
const makeCt = (tenantId: string, nodeId: string, ctid: number) =>
  db().ct.create({ data: { ctid, tenantId, nodeId, hostname: `m-${rnd()}`, ostemplate: "busybox", ramBytes: 2n ** 29n, swapBytes: 0n, diskBytes: 2n ** 30n, diskInodes: 0n } });

afterEach(() => vi.useRealTimers());

describe("ingestMetricsBatch", () => {
  it("charts a CT created after the cache was filled from its first frame, and asks about an orphan at most every 5 s", async () => {
    const { tenant } = await makeCustomer();
    const node = await makeNode();
    const a = await makeCt(tenant.id, node.id, 501);
    const t0 = Date.now();
    await ingestMetricsBatch(node.id, frame(t0, [501]));
    expect(metricsStore().latest(a.id)?.t).toBe(t0);

    // Created a moment later: no waiting for the cache's next full refresh.
    const b = await makeCt(tenant.id, node.id, 502);
    await ingestMetricsBatch(node.id, frame(t0 + 1000, [501, 502]));
    expect(metricsStore().latest(b.id)?.t).toBe(t0 + 1000);
    expect(metricsStore().latest(b.id)?.v[0]).toBe(50.2);

    // 999 is nobody's: the first frame asks, the next ones within 5 s do not.
    const spy = vi.spyOn(db().ct, "findMany");
    await ingestMetricsBatch(node.id, frame(t0 + 2000, [501, 502, 999]));
    await ingestMetricsBatch(node.id, frame(t0 + 3000, [501, 502, 999]));
    await ingestMetricsBatch(node.id, frame(t0 + 4000, [501, 502, 999]));
    expect(spy).toHaveBeenCalledTimes(1);
    // Adopted (a row appears) after 5 s: found on the next ask.
    const c = await makeCt(tenant.id, node.id, 999);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 6000 });
    await ingestMetricsBatch(node.id, frame(t0 + 9000, [501, 502, 999]));
    expect(spy).toHaveBeenCalledTimes(2);
    expect(metricsStore().latest(c.id)?.t).toBe(t0 + 9000);
    spy.mockRestore();

    for (const ct of [a, b, c]) metricsStore().forget(ct.id);
    await db().ct.deleteMany({ where: { id: { in: [a.id, b.id, c.id] } } });
  });
});
