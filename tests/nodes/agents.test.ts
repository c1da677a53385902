// Node agents against a real panel: the local agent registers itself, an
// added node's agent connects with its token, a revoked token is cut off at
// once, unknown tokens and malformed messages are refused.
import fs from "node:fs";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { NODE_HEAP_FLAGS } from "@/server/node-heap-flags";
import { AGENT_BUNDLE } from "@/server/nodes/agent-command";
import { createNode } from "@/server/nodes/create-node";
import { revokeNodeToken } from "@/server/nodes/revoke-node-token";
import { makeSimNode, nodeTestsSkipReason, startAgent, waitFor, type AgentProcess, type SimNode } from "../helpers/node-sim";
import { makeCtRow, makeTenant, nodeByName, removePanelDirs, startPanel, waitTask, type Panel } from "../helpers/panel-fixture";
import { enqueueTask } from "@/server/tasks/enqueue-task";

const skip = nodeTestsSkipReason();
const admin = { kind: "system", reason: "test" } as const;
const tag = `${process.pid}-${Date.now().toString(36)}`;

describe.skipIf(skip)(`node agents${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let a: SimNode, b: SimNode, panel: Panel;
  const agents: AgentProcess[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    a = makeSimNode();
    b = makeSimNode();
    panel = await startPanel({ nodeRoot: a.root, nodeName: `local-${tag}` });
  }, 120_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    for (const ag of agents) await ag.kill();
    await panel?.stop();
    a?.cleanup();
    b?.cleanup();
  }, 120_000);

  it("the all-in-one start registers the local node and its agent reports the node's facts", async () => {
    const node = await waitFor("local node online", async () => {
      const n = await db().node.findUnique({ where: { name: `local-${tag}` } });
      return n?.status === "ONLINE" && n.kernel ? n : null;
    });
    expect(node.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(node.cgroupMode).toMatch(/^v[12]$/);
    expect(node.cpus).toBeGreaterThan(0);
    expect(Number(node.ramBytes)).toBeGreaterThan(0);
    expect(Number(node.diskBytes)).toBeGreaterThan(0);
    expect(node.agentVersion).toBeTruthy();
    // The agent is its own process, a child of the panel, running the bundle
    // a node runs (build/agent.mjs) with plain node and the panel's V8 flags:
    // no TypeScript loader.
    expect(panel.output()).toMatch(/"msg":"local agent started"/);
    const pid = Number(panel.output().match(/"pid":(\d+),[^\n]*"msg":"local agent started"/)?.[1]);
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    expect(argv.slice(1, 2 + NODE_HEAP_FLAGS.length)).toEqual([...NODE_HEAP_FLAGS, path.resolve(AGENT_BUNDLE)]);
    expect(argv).not.toContain("tsx");
    removePanelDirs();
  });

  it("Add node gives a token once and the command; the node's agent connects with it", async () => {
    const added = await createNode(admin, { name: `node-b-${tag}` }, panel.url);
    expect(added.command).toContain(added.token);
    expect(added.command).toContain(`node ${[...NODE_HEAP_FLAGS, AGENT_BUNDLE].join(" ")} --panel ${panel.url}`);
    // startAgent runs that file as the command says, from a checkout's root.
    expect(fs.existsSync(AGENT_BUNDLE)).toBe(true);
    const row = await nodeByName(`node-b-${tag}`);
    expect(row.status).toBe("PENDING");
    expect(row.tokenHash).not.toContain(added.token);
    agents.push(startAgent(panel.url, added.token, b.root));
    await waitFor("node B online", async () => (await nodeByName(`node-b-${tag}`)).status === "ONLINE");
  });

  it("runs a task on the added node through its agent", async () => {
    const node = await nodeByName(`node-b-${tag}`);
    const tenant = await makeTenant();
    const ct = await makeCtRow(tenant.id, node.id, 301);
    const t = await waitTask((await enqueueTask({ kind: "create", ctId: ct.id, nodeId: node.id, tenantId: tenant.id })).id);
    expect(t.status, t.log.join("\n")).toBe("SUCCEEDED");
    expect(t.log.some((l) => l.includes("corralctl create 301"))).toBe(true);
    expect(b.initPid(301)).toBeGreaterThan(1);
    expect((await db().ct.findUniqueOrThrow({ where: { id: ct.id } })).state).toBe("RUNNING");
  });

  it("refuses an unknown node token at the handshake", async () => {
    const s = connect(`${panel.url}/agents`, { auth: { token: "corral_node_not-a-real-token-at-all" }, transports: ["websocket"], reconnection: false });
    sockets.push(s);
    const err = await new Promise<Error>((r) => s.once("connect_error", r));
    expect(err.message).toBe("unauthorized: unknown or revoked node token");
  });

  it("refuses malformed agent messages and outcomes for tasks of another node", async () => {
    const added = await createNode(admin, { name: `node-m-${tag}` }, panel.url);
    const s = connect(`${panel.url}/agents`, { auth: { token: added.token }, transports: ["websocket"], reconnection: false });
    sockets.push(s);
    await new Promise<void>((r) => s.once("connect", () => r()));
    const bad = await s.timeout(5000).emitWithAck("hello", { agentVersion: 7, kernel: null });
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe("bad_request");
    const huge = await s.timeout(5000).emitWithAck("task:progress", { taskId: "x", progress: 500 });
    expect(huge.ok).toBe(false);
    // A finished outcome for node B's task, sent by node M: refused, task untouched.
    const other = await db().task.findFirstOrThrow({ where: { node: { name: `node-b-${tag}` } } });
    const forged = await s.timeout(5000).emitWithAck("task:done", { taskId: other.id, ok: false, error: { code: "internal", message: "forged" }, finishedAt: new Date().toISOString() });
    expect(forged.ok).toBe(false);
    expect((await db().task.findUniqueOrThrow({ where: { id: other.id } })).error).toBeNull();
    expect(panel.output()).toMatch(/refused a malformed hello/);
    s.close();
  });

  it("a revoked token disconnects the connected agent at once and is refused afterwards; the CT keeps running", async () => {
    const node = await nodeByName(`node-b-${tag}`);
    const pid = b.initPid(301);
    const agent = agents[0]!;
    const at = Date.now();
    await revokeNodeToken(admin, node.id);
    // Revoked from this test process: the panel's own recheck cuts the agent
    // off within seconds, and its reconnect is refused at the handshake.
    await waitFor("panel disconnects the revoked agent", () => /disconnecting its agent/.test(panel.output()) || null, 10_000, 100);
    expect(Date.now() - at).toBeLessThan(5000);
    await waitFor("agent refused after revoke", () => /unknown or revoked node token/.test(agent.output()) || null, 20_000);
    expect((await nodeByName(`node-b-${tag}`)).tokenHash).toBeNull();
    expect(b.initPid(301)).toBe(pid);
  });
});
