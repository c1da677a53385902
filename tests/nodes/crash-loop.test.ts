// A CT that restarts in a loop is stopped by its node's agent and flagged in
// the panel, on a real CT: busybox, with /sbin/init replaced by a script that
// reboots the CT at once. The monitor restarts a CT whose init rebooted it
// (an init that merely exits stops the CT for good, reason "crash"), so this
// is the loop a broken init really causes; the agent must stop it after 10
// restarts in a minute, and the panel must show it stopped and flagged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createNode } from "@/server/nodes/create-node";
import { enqueueTask } from "@/server/tasks/enqueue-task";
import { makeSimNode, nodeTestsSkipReason, startAgent, waitFor, type AgentProcess, type SimNode } from "../helpers/node-sim";
import { makeCtRow, makeTenant, nodeByName, removePanelDirs, startPanel, waitTask, type Panel } from "../helpers/panel-fixture";

const skip = nodeTestsSkipReason();
const admin = { kind: "system", reason: "test" } as const;
const tag = `${process.pid}-${Date.now().toString(36)}`;
const CTID = 351;

type Status = { running: boolean; status: string; reboots?: number; stop_reason?: string | null };

describe.skipIf(skip)(`crash loop${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let node: SimNode, panel: Panel, agent: AgentProcess | undefined;

  beforeAll(async () => {
    node = makeSimNode();
    // No local agent: the node's own agent (1 s watch, as an admin would start it).
    panel = await startPanel();
  }, 120_000);

  afterAll(async () => {
    await agent?.kill();
    await panel?.stop();
    node?.cleanup();
    removePanelDirs();
  }, 120_000);

  it("a CT whose init reboots at once is stopped after 10 restarts in a minute, flagged in the database and audited", async () => {
    const added = await createNode(admin, { name: `crash-${tag}` }, panel.url);
    agent = startAgent(panel.url, added.token, node.root);
    const row = await waitFor("node online", async () => ((await nodeByName(`crash-${tag}`)).status === "ONLINE" ? nodeByName(`crash-${tag}`) : null));
    const tenant = await makeTenant();
    const ct = await makeCtRow(tenant.id, row.id, CTID);
    const created = await waitTask((await enqueueTask({ kind: "create", ctId: ct.id, nodeId: row.id, tenantId: tenant.id })).id, 120_000);
    expect(created.status, created.log.join("\n")).toBe("SUCCEEDED");
    await waitFor("CT running in the database", async () => (await db().ct.findUniqueOrThrow({ where: { id: ct.id } })).state === "RUNNING");

    // /sbin/init is a link to busybox: remove the link, never write through it.
    node.ctl("exec", String(CTID), "--", "sh", "-c", "rm -f /sbin/init && printf '#!/bin/sh\\nexec reboot -f\\n' > /sbin/init && chmod 755 /sbin/init");
    const before = node.ctlJson<Status>("status", String(CTID));
    expect(before.running).toBe(true);
    const started = Date.now();
    // A clean reboot (busybox init ends everything, then reboots) boots the new init.
    // `reboot -f` from exec could leave the exec'd processes for the monitor to kill,
    // which races the new init's clone (start_failed: open /proc/<pid>/...).
    node.ctl("exec", String(CTID), "--", "reboot");

    // The agent stops it: not running on the node, with a pile of reboots behind it.
    const flagged = await waitFor("the CT flagged in the database", async () => {
      const c = await db().ct.findUniqueOrThrow({ where: { id: ct.id } });
      return c.state === "ERROR" && c.stateReason?.includes("crash loop") ? c : null;
    }, 60_000, 250).catch(async (err: Error) => {
      // Say where it got stuck: the panel's row, the node's view, the agent's log.
      const c = await db().ct.findUniqueOrThrow({ where: { id: ct.id } });
      throw new Error(`${err.message}\nDB: ${c.state} ${c.stateReason}\nnode: ${JSON.stringify(node.ctlJson("status", String(CTID)))}\nagent: ${agent!.output().slice(-3000)}`);
    });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(flagged.stateReason).toMatch(/restarted 10 times within a minute/);
    // "stopping" while its monitor releases the resources, then "stopped".
    const st = await waitFor("the CT stopped on its node", () => {
      const s = node.ctlJson<Status>("status", String(CTID));
      return s.status === "stopped" ? s : null;
    }, 20_000);
    expect(st.running).toBe(false);
    expect(agent.output()).toMatch(/crash loop/);

    const audit = await db().auditEvent.findMany({ where: { action: "ct.crash_loop", ctId: ct.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ tenantId: tenant.id, actorKind: "system", result: "success" });
    expect(audit[0]!.detail).toMatch(/crash loop/);

    // It stays stopped and flagged: nothing restarts it, and later state reports keep the flag.
    await new Promise((r) => setTimeout(r, 4000));
    expect(node.ctlJson<Status>("status", String(CTID)).running).toBe(false);
    const later = await db().ct.findUniqueOrThrow({ where: { id: ct.id } });
    expect(later.state).toBe("ERROR");
    expect(later.stateReason).toMatch(/crash loop/);
  });
});
