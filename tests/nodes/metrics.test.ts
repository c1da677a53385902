// Live metrics on a real CT: the panel's local agent samples it every second,
// viewers in its room get the samples, another tenant is refused, a memory
// hog's OOM kill becomes a timeline event with the victim's name, a
// notification and an explained beancounter row within 5 seconds.
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { METRIC_KEYS } from "@/server/metrics/metric-fields";
import { CT_RAM, logInAt, makeRunningCt, makeStranger, removeCtRows } from "../helpers/metrics-fixture";
import { makeSimNode, nodeTestsSkipReason, waitFor, type SimNode } from "../helpers/node-sim";
import { removePanelDirs, startPanel, type Panel } from "../helpers/panel-fixture";

const skip = nodeTestsSkipReason();
const tag = `${process.pid}-${Date.now().toString(36)}`;
const CTID = 171;

describe.skipIf(skip)(`live metrics on a real CT${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let node: SimNode, panel: Panel;
  let ct: Awaited<ReturnType<typeof makeRunningCt>>;
  let cookie: string;
  const sockets: Socket[] = [];

  const open = (c: string) => {
    const s = connect(`${panel.url}/metrics`, { transports: ["websocket"], extraHeaders: { cookie: c, origin: panel.url }, reconnection: false });
    sockets.push(s);
    return new Promise<Socket>((resolve, reject) => {
      s.once("connect", () => resolve(s));
      s.once("connect_error", reject);
    });
  };

  beforeAll(async () => {
    node = makeSimNode();
    panel = await startPanel({ nodeRoot: node.root, nodeName: `metrics-${tag}` });
    const n = await waitFor("local node online", async () => {
      const row = await db().node.findUnique({ where: { name: `metrics-${tag}` } });
      return row?.status === "ONLINE" ? row : null;
    });
    ct = await makeRunningCt(node, n.id, CTID);
    cookie = await logInAt(panel.url, ct.owner.user.email, ct.owner.user.password);
  }, 180_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await panel?.stop();
    node?.cleanup();
    removePanelDirs();
    if (ct) await removeCtRows([ct.ct.id]);
  }, 120_000);

  it("a viewer in the CT's room gets a sample every second", async () => {
    const s = await open(cookie);
    const got: { t: number; v: (number | null)[] }[] = [];
    s.on("data", (m: { ctId: string; t: number; v: (number | null)[] }) => m.ctId === ct.ct.id && got.push(m));
    const r = await s.timeout(5000).emitWithAck("control", { op: "join", ctIds: [ct.ct.id] });
    expect(r.ok).toBe(true);
    await waitFor("3 samples", () => got.length >= 3, 10_000, 100);
    const gaps = got.slice(1).map((m, i) => m.t - got[i]!.t);
    for (const g of gaps) {
      expect(g).toBeGreaterThan(700);
      expect(g).toBeLessThan(1500);
    }
    const last = got.at(-1)!.v;
    expect(last[METRIC_KEYS.indexOf("ramLimit")]).toBe(CT_RAM);
    expect(last[METRIC_KEYS.indexOf("ram")]).toBeGreaterThan(0);
    expect(last[METRIC_KEYS.indexOf("procs")]).toBeGreaterThan(0);
    expect(last[METRIC_KEYS.indexOf("cpuNode")]).not.toBeNull();
    // The join's answer carries what the ring had, for the chart's start.
    const again = await s.timeout(5000).emitWithAck("control", { op: "join", ctIds: [ct.ct.id] });
    expect(again.value.recent[ct.ct.id].t.length).toBeGreaterThan(0);
  });

  it("refuses another tenant's customer and malformed messages, joining nothing", async () => {
    const stranger = await makeStranger();
    const s = await open(await logInAt(panel.url, stranger.user.email, stranger.user.password));
    let leaked = 0;
    s.on("data", () => leaked++);
    const r = await s.timeout(5000).emitWithAck("control", { op: "join", ctIds: [ct.ct.id] });
    expect(r).toMatchObject({ ok: false, error: { code: "not_found", message: "The CT does not exist." } });
    for (const bad of [{ op: "join" }, { op: "join", ctIds: [ct.ct.id], extra: 1 }, { op: "watch", ctIds: [ct.ct.id] }, "join", { op: "join", ctIds: Array(201).fill("x") }]) {
      const b = await s.timeout(5000).emitWithAck("control", bad);
      expect(b).toMatchObject({ ok: false, error: { code: "bad_request" } });
    }
    await new Promise((res) => setTimeout(res, 2500));
    expect(leaked).toBe(0);
    // The history API answers the same way.
    const res = await fetch(`${panel.url}/api/v1/cts/${ct.ct.id}/metrics?range=1h`, { headers: { cookie: await logInAt(panel.url, stranger.user.email, stranger.user.password) } });
    expect(res.status).toBe(404);
    const bad = await fetch(`${panel.url}/api/v1/cts/${ct.ct.id}/metrics?range=2h`, { headers: { cookie } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("bad_request");
  });

  it("a memory hog's OOM kill: timeline event naming it, notification, highlighted row and sentence within 5 s", async () => {
    const s = await open(cookie);
    const pushed: { message: string }[] = [];
    s.on("status", (m: { event: { message: string } }) => pushed.push(m.event));
    await s.timeout(5000).emitWithAck("control", { op: "join", ctIds: [ct.ct.id], recent: false });
    const at = Date.now();
    // dd allocates its 100 MB block in one go: more than the CT's 64 MiB.
    try {
      node.ctl("exec", String(CTID), "--", "dd", "if=/dev/zero", "of=/dev/null", "bs=100M", "count=1");
    } catch {
      // Killed by the kernel: exit 137.
    }
    // The RAM limit's failcnt may go up too (a "failcnt" event); the kill is its own event.
    const event = await waitFor("OOM kill on the timeline", () => db().ctEvent.findFirst({ where: { ctId: ct.ct.id, kind: "oom_kill" } }), 5000, 100);
    expect(Date.now() - at).toBeLessThan(5000);
    expect(event).toMatchObject({ kind: "oom_kill", resource: "physpages", process: "dd" });
    expect(event.message).toMatch(/ran out of its 64 MB of RAM; the kernel stopped dd\./);
    expect(await db().notification.count({ where: { ctId: ct.ct.id, kind: "ct.limit_hit" } })).toBeGreaterThan(0);
    await waitFor("status pushed to the room", () => pushed.length > 0, 3000, 100);

    const res = await fetch(`${panel.url}/api/v1/cts/${ct.ct.id}/beancounters`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const ubc = await res.json();
    const phys = ubc.rows.find((r: { name: string }) => r.name === "physpages");
    expect(phys.failcnt).toBeGreaterThanOrEqual(1);
    expect(phys.near).toBe(true); // maxheld reached the limit
    expect(phys.sentence).toMatch(/^Your CT tried to use more than its 64 MB of RAM once in the last hour; the kernel stopped dd each time\. Upgrade the plan or tune dd's workers\.$/);
    expect(Date.now() - at).toBeLessThan(5000);
  });
});
