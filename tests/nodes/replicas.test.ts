// Two panel replicas on one Postgres: the agent on one, the browser on the
// other. Tasks still reach the agent (panel → agent call across replicas) and
// the browser still sees their progress live (agent → panel → browser across
// replicas), through the socket.io Postgres adapter.
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/server/auth/create-user";
import { db } from "@/server/db/client";
import { createNode } from "@/server/nodes/create-node";
import { revokeNodeToken } from "@/server/nodes/revoke-node-token";
import { enqueueTask } from "@/server/tasks/enqueue-task";
import { makeSimNode, nodeTestsSkipReason, startAgent, waitFor, type AgentProcess, type SimNode } from "../helpers/node-sim";
import { makeCtRow, makeTenant, removePanelDirs, startPanel, waitTask, type Panel } from "../helpers/panel-fixture";

const skip = nodeTestsSkipReason();
const tag = `${process.pid}-${Date.now().toString(36)}`;

async function logIn(url: string, email: string, password: string) {
  const res = await fetch(`${url}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

describe.skipIf(skip)(`panel replicas${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let n: SimNode, p1: Panel, p2: Panel, agent: AgentProcess, nodeId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    n = makeSimNode();
    // Replica 1 serves the browser and runs the tasks; replica 2 holds the agent and runs none.
    p1 = await startPanel({ taskRunner: "on" });
    p2 = await startPanel({ taskRunner: "off" });
    const added = await createNode({ kind: "system", reason: "test" }, { name: `rep-${tag}` }, p2.url);
    agent = startAgent(p2.url, added.token, n.root);
    nodeId = (await waitFor("node online", async () => {
      const x = await db().node.findUnique({ where: { name: `rep-${tag}` } });
      return x?.status === "ONLINE" ? x : null;
    })).id;
  });

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await agent?.kill();
    await p1?.stop();
    await p2?.stop();
    n?.cleanup();
    removePanelDirs();
  });

  it("a browser on replica 1 sees live progress of a task run by an agent connected to replica 2", async () => {
    const password = "a long test password";
    const admin = await createUser({ email: `rep-${tag}@example.test`, name: "Rep", password, role: "admin" });
    const cookie = await logIn(p1.url, admin.email, password);
    const browser = connect(`${p1.url}/tasks`, { transports: ["websocket"], extraHeaders: { cookie, origin: p1.url }, reconnection: false });
    sockets.push(browser);
    await new Promise<void>((resolve, reject) => {
      browser.once("connect", () => resolve());
      browser.once("connect_error", reject);
    });
    const seen: { id: string; status: string; progress: number }[] = [];
    browser.on("task", (t) => seen.push(t));

    const tenant = await makeTenant();
    const ct = await makeCtRow(tenant.id, nodeId, 801);
    const t = await waitTask((await enqueueTask({ kind: "create", ctId: ct.id, nodeId, tenantId: tenant.id })).id);
    expect(t.status, t.log.join(" | ")).toBe("SUCCEEDED");
    expect(n.initPid(801)).toBeGreaterThan(1);
    // Replica 1 has no agent socket: it reached the agent on replica 2 through the adapter.
    expect(p1.output()).not.toMatch(/"module":"agents","node":"rep-/);
    await waitFor("browser saw the outcome", () => seen.some((e) => e.id === t.id && e.status === "succeeded"), 10_000);
    expect(seen.filter((e) => e.id === t.id).length).toBeGreaterThan(1);
    // The nodes page on replica 1 shows the node online with its agent's facts, and never a token.
    const page = await (await fetch(`${p1.url}/nodes`, { headers: { cookie } })).text();
    expect(page).toMatch(new RegExp(`data-testid="node-rep-${tag}" data-status="online"`));
    expect(page).toContain("Add node");
    expect(page).not.toMatch(/corral_node_/);
    // The tasks page lists it with its final state.
    const tasksPage = await (await fetch(`${p1.url}/tasks`, { headers: { cookie } })).text();
    expect(tasksPage).toContain(`data-testid="task-${t.id}" data-status="succeeded"`);
  });

  it("a browser socket without a session is refused on the /tasks namespace", async () => {
    const anon = connect(`${p1.url}/tasks`, { transports: ["websocket"], extraHeaders: { origin: p1.url }, reconnection: false });
    sockets.push(anon);
    const err = await new Promise<Error>((r) => anon.once("connect_error", r));
    expect(err.message).toMatch(/unauthorized/);
  });

  it("revoking the node's token on one replica disconnects its agent held by the other", async () => {
    const pid = n.initPid(801);
    await revokeNodeToken({ kind: "system", reason: "test" }, nodeId);
    await waitFor("agent cut off", () => /unknown or revoked node token/.test(agent.output()) || null, 15_000);
    expect(n.initPid(801)).toBe(pid);
  });
});
