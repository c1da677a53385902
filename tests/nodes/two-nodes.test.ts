// Two simulated nodes on this machine (own roots, bridges, subnets, cgroup
// parents, ID ranges): placement across both, cold migration with a failure
// injected at each step, reconciliation (orphans, missing CTs).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createNode } from "@/server/nodes/create-node";
import { pickNode } from "@/server/nodes/pick-node";
import { adoptOrphanCt } from "@/server/reconcile/adopt-orphan-ct";
import { enqueueTask } from "@/server/tasks/enqueue-task";
import { MIGRATE_STEPS } from "@/server/tasks/migrate-ct";
import { makeSimNode, nodeTestsSkipReason, startAgent, waitFor, type AgentProcess, type SimNode } from "../helpers/node-sim";
import { makeCtRow, makeTenant, removePanelDirs, startPanel, waitTask, type Panel } from "../helpers/panel-fixture";

const skip = nodeTestsSkipReason();
const tag = `${process.pid}-${Date.now().toString(36)}`;
const system = { kind: "system", reason: "test" } as const;
const GiB = 1024n ** 3n;

describe.skipIf(skip)(`two nodes${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let a: SimNode, b: SimNode, panel: Panel, agentB: AgentProcess;
  let nodeA: string, nodeB: string, tenantId: string;

  const onNode = (n: SimNode) => new Set(n.ctlJson<{ ctid: number }[]>("list", "-a").map((r) => r.ctid));
  const transfersLeft = (n: SimNode) => {
    const d = path.join(n.root, "agent", "transfer");
    return fs.existsSync(d) ? fs.readdirSync(d) : [];
  };

  beforeAll(async () => {
    // One ID range for both, as production nodes have by default: files
    // inside a CT's disk image keep their owners when it moves.
    a = makeSimNode({ idmapBase: 1_500_000_000 });
    b = makeSimNode({ idmapBase: 1_500_000_000 });
    panel = await startPanel({ nodeRoot: a.root, nodeName: `a-${tag}` });
    const added = await createNode(system, { name: `b-${tag}` }, panel.url);
    agentB = startAgent(panel.url, added.token, b.root);
    const online = async (name: string) => {
      const n = await db().node.findUnique({ where: { name } });
      return n?.status === "ONLINE" && n.ramBytes ? n : null;
    };
    nodeA = (await waitFor("A online", () => online(`a-${tag}`))).id;
    nodeB = (await waitFor("B online", () => online(`b-${tag}`))).id;
    tenantId = (await makeTenant()).id;
  });

  afterAll(async () => {
    await agentB?.kill();
    await panel?.stop();
    a?.cleanup();
    b?.cleanup();
    removePanelDirs();
  });

  it("placement picks the node with the most free capacity under its overcommit ratios, skips maintenance, and refuses when nothing fits", async () => {
    // Same machine, same facts: the ratio decides.
    await db().node.update({ where: { id: nodeB }, data: { overcommitRam: 3 } });
    // Other tests' nodes must not take part: put them in maintenance for this check.
    await db().node.updateMany({ where: { id: { notIn: [nodeA, nodeB] } }, data: { maintenance: true } });
    expect((await pickNode({ ramBytes: GiB, diskBytes: GiB })).id).toBe(nodeB);
    await db().node.update({ where: { id: nodeB }, data: { maintenance: true } });
    expect((await pickNode({ ramBytes: GiB, diskBytes: GiB })).id).toBe(nodeA);
    await expect(pickNode({ ramBytes: GiB, diskBytes: GiB }, { nodeId: nodeB })).rejects.toThrow(/in maintenance/);
    await db().node.update({ where: { id: nodeB }, data: { maintenance: false, overcommitRam: 1.5 } });
    const huge = { ramBytes: 1024n * 1024n * GiB, diskBytes: GiB };
    await expect(pickNode(huge)).rejects.toThrow(/No node has room/);
    await expect(pickNode(huge, { nodeId: nodeA })).rejects.toThrow(/has no room/);
    // CTs placed one after another spread over both nodes as capacity fills.
    const big = (await db().node.findUniqueOrThrow({ where: { id: nodeA } })).ramBytes! / 2n;
    const placed: string[] = [];
    for (const ctid of [711, 712]) {
      const node = await pickNode({ ramBytes: big, diskBytes: GiB });
      const ct = await makeCtRow(tenantId, node.id, ctid, { ramBytes: big });
      placed.push(node.id);
      const t = await waitTask((await enqueueTask({ kind: "create", ctId: ct.id, nodeId: node.id, tenantId })).id);
      expect(t.status, t.log.join("|")).toBe("SUCCEEDED");
    }
    expect(new Set(placed)).toEqual(new Set([nodeA, nodeB]));
    expect(onNode(a).has(711) || onNode(a).has(712)).toBe(true);
    expect(onNode(b).has(711) || onNode(b).has(712)).toBe(true);
    // Free the capacity again for the migration tests.
    for (const c of await db().ct.findMany({ where: { ctid: { in: [711, 712] } } })) {
      await waitTask((await enqueueTask({ kind: "stop", ctId: c.id, tenantId, input: { fast: true } })).id);
      await waitTask((await enqueueTask({ kind: "destroy", ctId: c.id, tenantId })).id);
    }
  });

  it.each(MIGRATE_STEPS)("a migration failing at step %s loses nothing: the CT runs on the source, the target has no copy", async (step) => {
    const ctid = 720 + MIGRATE_STEPS.indexOf(step);
    const ct = await makeCtRow(tenantId, nodeA, ctid);
    expect((await waitTask((await enqueueTask({ kind: "create", ctId: ct.id, nodeId: nodeA, tenantId })).id)).status).toBe("SUCCEEDED");
    const t = await waitTask((await enqueueTask({ kind: "migrate", ctId: ct.id, tenantId, input: { targetNodeId: nodeB, failAt: step } })).id, 120_000);
    expect(t.status).toBe("FAILED");
    expect(t.error).toContain(`Injected failure at step ${step}`);
    const row = await db().ct.findUniqueOrThrow({ where: { id: ct.id } });
    expect(row.nodeId).toBe(nodeA);
    expect(row.state).toBe("RUNNING");
    expect(a.initPid(ctid)).toBeGreaterThan(1);
    expect(onNode(b).has(ctid)).toBe(false);
    expect(transfersLeft(a)).toEqual([]);
    expect(transfersLeft(b)).toEqual([]);
  });

  it("a cold migration moves a running CT: copied with progress, started on the target, database updated, source removed after", async () => {
    const ctid = 730;
    const ct = await makeCtRow(tenantId, nodeA, ctid);
    expect((await waitTask((await enqueueTask({ kind: "create", ctId: ct.id, nodeId: nodeA, tenantId })).id)).status).toBe("SUCCEEDED");
    // A file written inside the CT must arrive.
    a.ctl("exec", String(ctid), "--", "/bin/sh", "-c", "echo moved-42 > /root/marker");
    const t = await waitTask((await enqueueTask({ kind: "migrate", ctId: ct.id, tenantId, input: { targetNodeId: nodeB } })).id, 120_000);
    expect(t.status, `${t.error} ${t.log.join(" | ")}`).toBe("SUCCEEDED");
    expect(t.progress).toBe(100);
    expect(t.log.some((l) => /^copied \d+ KiB of \d+ KiB$/.test(l))).toBe(true);
    const row = await db().ct.findUniqueOrThrow({ where: { id: ct.id } });
    expect(row.nodeId).toBe(nodeB);
    expect(row.state).toBe("RUNNING");
    expect(b.initPid(ctid)).toBeGreaterThan(1);
    expect(b.ctl("exec", String(ctid), "--", "/bin/cat", "/root/marker").trim()).toBe("moved-42");
    await waitFor("source copy removed", () => !onNode(a).has(ctid), 20_000);
  });

  it("a migration to a node without room or in maintenance fails with a clear reason before touching the CT", async () => {
    const ct = await db().ct.findFirstOrThrow({ where: { ctid: 720 } });
    await db().node.update({ where: { id: nodeB }, data: { maintenance: true } });
    const t = await waitTask((await enqueueTask({ kind: "migrate", ctId: ct.id, tenantId, input: { targetNodeId: nodeB } })).id);
    await db().node.update({ where: { id: nodeB }, data: { maintenance: false } });
    expect(t.status).toBe("FAILED");
    expect(t.error).toMatch(/in maintenance/);
    expect((await db().ct.findUniqueOrThrow({ where: { id: ct.id } })).state).toBe("RUNNING");
  });

  it("reconciliation: a CT the database does not know becomes an orphan (never destroyed) and can be adopted; a CT gone from its node is flagged missing", async () => {
    b.ctl("create", "780", "--ostemplate", "busybox");
    const orphan = await waitFor("orphan recorded", () => db().orphanCt.findFirst({ where: { nodeId: nodeB, ctid: 780 } }), 20_000);
    expect(orphan.status).toBe("stopped");
    expect(onNode(b).has(780)).toBe(true);
    const adopted = await adoptOrphanCt(system, orphan.id, { tenantId });
    expect(adopted.nodeId).toBe(nodeB);
    expect(await db().orphanCt.findUnique({ where: { id: orphan.id } })).toBeNull();

    const ghost = await makeCtRow(tenantId, nodeB, 781);
    await db().ct.update({ where: { id: ghost.id }, data: { state: "STOPPED" } });
    await waitFor("missing flagged", async () => (await db().ct.findUniqueOrThrow({ where: { id: ghost.id } })).state === "MISSING", 40_000);
  });
});
