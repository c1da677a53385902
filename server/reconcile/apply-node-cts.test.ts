// Reconciliation against the real test database: a full list moves states,
// flags CTs the node lacks as MISSING and records orphans; a partial report
// (`ct:changes`) touches only the CTs it names, flags the gone ones and
// leaves every other CT alone; busy and crash-flagged CTs keep their state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CtRow } from "@/server/agent/agent-messages";
import { db } from "@/server/db/client";
import { applyNodeCts } from "@/server/reconcile/apply-node-cts";
import { makeNode, makeTenant } from "@/tests/helpers/fixtures";

let nodeId: string;
let tenantId: string;
const ids = new Map<number, string>();

const row = (ctid: number, status: CtRow["status"], stop_reason: string | null = null): CtRow => ({ ctid, status, ip: [], stop_reason });
const states = async () => Object.fromEntries((await db().ct.findMany({ where: { nodeId }, select: { ctid: true, state: true, stateReason: true } })).map((c) => [c.ctid, [c.state, c.stateReason]]));
const orphans = async () => (await db().orphanCt.findMany({ where: { nodeId }, select: { ctid: true } })).map((o) => o.ctid).sort();

beforeAll(async () => {
  nodeId = (await makeNode()).id;
  tenantId = (await makeTenant()).id;
  for (const ctid of [101, 102, 103, 104, 105]) {
    const ct = await db().ct.create({ data: { ctid, tenantId, nodeId, hostname: `r${ctid}`, ostemplate: "busybox", state: "STOPPED", ramBytes: 1n, swapBytes: 0n, diskBytes: 1n, diskInodes: 0n } });
    ids.set(ctid, ct.id);
  }
});
afterAll(async () => {
  await db().task.deleteMany({ where: { nodeId } });
  await db().orphanCt.deleteMany({ where: { nodeId } });
  await db().ct.deleteMany({ where: { nodeId } });
  await db().node.delete({ where: { id: nodeId } });
});

describe("applyNodeCts", () => {
  it("a full list sets states in bulk, flags what the node lacks and records orphans", async () => {
    const r = await applyNodeCts(nodeId, [row(101, "running"), row(102, "running"), row(103, "stopped", "crash"), row(104, "suspended"), row(900, "running")]);
    expect(r).toEqual({ orphans: 1, missing: 1, changed: 5 });
    expect(await states()).toEqual({
      101: ["RUNNING", null],
      102: ["RUNNING", null],
      103: ["STOPPED", "crash"],
      104: ["SUSPENDED", null],
      105: ["MISSING", "the CT is not on its node"],
    });
    expect(await orphans()).toEqual([900]);
    // The same list again changes nothing.
    expect((await applyNodeCts(nodeId, [row(101, "running"), row(102, "running"), row(103, "stopped", "crash"), row(104, "suspended"), row(900, "running")])).changed).toBe(0);
  });

  it("a partial report touches only the CTs it names", async () => {
    // 104 and 105 are not named: neither becomes MISSING nor changes.
    const r = await applyNodeCts(nodeId, [row(101, "stopped", "halt"), row(901, "stopped")], { gone: [102, 900] });
    expect(r).toEqual({ orphans: 1, missing: 1, changed: 2 });
    expect(await states()).toMatchObject({
      101: ["STOPPED", "halt"],
      102: ["MISSING", "the CT is not on its node"],
      103: ["STOPPED", "crash"],
      104: ["SUSPENDED", null],
      105: ["MISSING", "the CT is not on its node"],
    });
    // 900 went away, 901 appeared.
    expect(await orphans()).toEqual([901]);
  });

  it("leaves CTs a task holds, and a crash-loop flag, to their owners", async () => {
    await db().ct.update({ where: { id: ids.get(103)! }, data: { state: "ERROR", stateReason: "crash loop" } });
    await db().task.create({ data: { kind: "start", ctId: ids.get(104)!, nodeId, status: "RUNNING" } });
    await applyNodeCts(nodeId, [row(103, "stopped"), row(104, "running")], { gone: [] });
    expect(await states()).toMatchObject({ 103: ["ERROR", "crash loop"], 104: ["SUSPENDED", null] });
    await applyNodeCts(nodeId, [row(101, "stopped", "halt"), row(102, "running"), row(103, "stopped"), row(104, "running"), row(105, "running"), row(901, "stopped")]);
    expect(await states()).toMatchObject({ 102: ["RUNNING", null], 103: ["ERROR", "crash loop"], 104: ["SUSPENDED", null], 105: ["RUNNING", null] });
  });

  it("a report listed before a CT's last task finished does not undo the task's outcome", async () => {
    // 105 was started by a task that finished at t; a list taken at t - 1 s said "stopped".
    const t = Date.now();
    await db().ct.update({ where: { id: ids.get(105)! }, data: { state: "RUNNING", stateReason: null } });
    await db().task.create({ data: { kind: "start", ctId: ids.get(105)!, nodeId, status: "SUCCEEDED", finishedAt: new Date(t) } });
    await applyNodeCts(nodeId, [row(105, "stopped")], { gone: [] }, { listedAt: t - 1000 });
    expect(await states()).toMatchObject({ 105: ["RUNNING", null] });
    // A list taken after the task finished is the node's word.
    await applyNodeCts(nodeId, [row(105, "stopped", "halt")], { gone: [] }, { listedAt: t + 1000 });
    expect(await states()).toMatchObject({ 105: ["STOPPED", "halt"] });
  });
});
