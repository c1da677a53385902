// Two panel replicas on one Postgres: the agent on one, the browser on the
// other. Tasks still reach the agent (panel → agent call across replicas) and
// the browser still sees their progress live (agent → panel → browser across
// replicas), through the socket.io Postgres adapter; live metrics and the last
// minutes of samples, and console sessions (bytes both ways, resize, support
// banner and handover) cross replicas too (remote-metrics.ts, console bus).
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/server/auth/create-user";
import { issueConsoleTicket } from "@/server/console/issue-console-ticket";
import type { ConsoleStatus } from "@/server/realtime/console-control";
import { makeActor } from "../helpers/fixtures";
import { db } from "@/server/db/client";
import { createNode } from "@/server/nodes/create-node";
import { revokeNodeToken } from "@/server/nodes/revoke-node-token";
import { enqueueTask } from "@/server/tasks/enqueue-task";
import { makeSimNode, nodeTestsSkipReason, startAgent, waitFor, type AgentProcess, type SimNode } from "../helpers/node-sim";
import { logIn, openTerminal } from "../helpers/panel-sockets";
import { makeCtRow, makeTenant, removePanelDirs, startPanel, waitTask, type Panel } from "../helpers/panel-fixture";

const skip = nodeTestsSkipReason();
const tag = `${process.pid}-${Date.now().toString(36)}`;

describe.skipIf(skip)(`panel replicas${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let n: SimNode, p1: Panel, p2: Panel, agent: AgentProcess, nodeId: string;
  let ct801: { id: string; tenantId: string } | undefined;
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
    const browser = connect(`${p1.url}/tasks`, { transports: ["websocket"], forceNew: true, extraHeaders: { cookie, origin: p1.url }, reconnection: false });
    sockets.push(browser);
    await new Promise<void>((resolve, reject) => {
      browser.once("connect", () => resolve());
      browser.once("connect_error", reject);
    });
    const seen: { id: string; status: string; progress: number }[] = [];
    browser.on("task", (t) => seen.push(t));

    const tenant = await makeTenant();
    const ct = await makeCtRow(tenant.id, nodeId, 801);
    ct801 = ct;
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
    const anon = connect(`${p1.url}/tasks`, { transports: ["websocket"], forceNew: true, extraHeaders: { origin: p1.url }, reconnection: false });
    sockets.push(anon);
    const err = await new Promise<Error>((r) => anon.once("connect_error", r));
    expect(err.message).toMatch(/unauthorized/);
  });

  it("a browser on replica 1 gets live metrics and the last minutes of a CT whose agent is on replica 2", async () => {
    expect(ct801, "the CT of the first test").toBeDefined();
    const ct = ct801!;
    const owner = await makeActor("owner", ct.tenantId);
    const cookie = await logIn(p1.url, owner.user.email, owner.user.password);
    const join = async () => {
      const s = connect(`${p1.url}/metrics`, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { cookie, origin: p1.url } });
      sockets.push(s);
      const live: { ctId: string; t: number }[] = [];
      s.on("data", (d: { ctId: string; t: number }) => live.push(d));
      await new Promise<void>((resolve, reject) => {
        s.once("connect", () => resolve());
        s.once("connect_error", reject);
      });
      const r = (await s.timeout(10_000).emitWithAck("control", { op: "join", ctIds: [ct.id], recent: true })) as { ok: boolean; value: { recent: Record<string, { t: number[] }> } };
      expect(r.ok, JSON.stringify(r)).toBe(true);
      return { s, live, recent: r.value.recent[ct.id]! };
    };
    const first = await join();
    await waitFor("3 live samples on replica 1", () => new Set(first.live.filter((d) => d.ctId === ct.id).map((d) => d.t)).size >= 3 || null, 20_000, 100);
    // Replica 1 holds no samples itself: the last minutes come from replica 2's ring.
    // The agent's replica stores a new CT's samples once its CTID cache knows
    // the CT (re-read at most every 5 s: ingest-metrics-batch.ts), while its
    // live samples are forwarded from the start: ask again until they are there.
    const second = await waitFor("3 recent samples from replica 2's ring", async () => {
      const j = await join();
      return j.recent.t.length >= 3 ? j : null;
    }, 20_000, 500);
    expect(second.recent.t.length).toBeGreaterThanOrEqual(3);
    // Another tenant's customer is refused, whichever replica holds the agent.
    const stranger = await makeActor("owner", (await makeTenant()).id);
    const sc = await logIn(p1.url, stranger.user.email, stranger.user.password);
    const s3 = connect(`${p1.url}/metrics`, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { cookie: sc, origin: p1.url } });
    sockets.push(s3);
    await new Promise<void>((resolve) => s3.once("connect", () => resolve()));
    const refused = (await s3.timeout(10_000).emitWithAck("control", { op: "join", ctIds: [ct.id] })) as { ok: boolean; error?: { code: string } };
    expect(refused).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("a shell on replica 1 reaches the CT's agent on replica 2: typed commands run, output, resize and reconnect", async () => {
    const ct = ct801!;
    const owner = await makeActor("owner", ct.tenantId);
    const cookie = await logIn(p1.url, owner.user.email, owner.user.password);
    const { ticket } = await issueConsoleTicket(owner.actor, { ctId: ct.id, kind: "shell" });
    const t = await openTerminal(p1.url, cookie, { ticket, ctId: ct.id, kind: "shell" }, sockets);
    await waitFor("attached", () => t.statuses.find((x) => x.type === "attached") ?? null, 20_000, 50);
    const attached = t.statuses.find((x) => x.type === "attached") as Extract<ConsoleStatus, { type: "attached" }>;
    t.type(`echo he""llo-rep-${tag}\r`);
    await t.waitFor(`hello-rep-${tag}`);
    expect(await t.socket.timeout(5000).emitWithAck("control", { type: "resize", cols: 101, rows: 33 })).toEqual({ ok: true });
    t.type("stty size\r");
    await t.waitFor("33 101");
    // Bulk output arrives complete and in order across the replicas.
    t.type('seq 1 20000; echo seq-""done\r');
    await t.waitFor("seq-done", 30_000);
    const lines = t.output().split(/\r?\n/).map((l) => l.trim()).filter((l) => /^\d+$/.test(l)).map(Number);
    const from = lines.lastIndexOf(1);
    expect(lines.slice(from, from + 20000)).toEqual(Array.from({ length: 20000 }, (_, i) => i + 1));
    // Replica 1 never held the agent: the bytes crossed the console bus.
    expect(p1.output()).toMatch(/"remote":true/);
    t.socket.close();
    // The reconnect token re-attaches the same shell, with its scrollback, again from replica 1.
    const again = await issueConsoleTicket(owner.actor, { ctId: ct.id, kind: "shell" });
    const t2 = await openTerminal(p1.url, cookie, { ticket: again.ticket, ctId: ct.id, kind: "shell", session: attached.token }, sockets);
    await t2.waitFor(`hello-rep-${tag}`);
    expect(t2.statuses.find((x) => x.type === "attached")).toMatchObject({ created: false });
    // A flood crosses too, within the windows (printed: the bus's throughput here).
    const before = t2.output().length;
    const t0 = performance.now();
    t2.type('head -c 20000000 /dev/zero | tr "\\0" x; echo; echo flood-""done\r');
    await t2.waitFor("flood-done", 120_000);
    const mb = (t2.output().length - before) / 1e6;
    console.log(`replicas: ${mb.toFixed(1)} MB of shell output crossed replicas at ${(mb / ((performance.now() - t0) / 1000)).toFixed(1)} MB/s`);
    expect(mb).toBeGreaterThan(20);
    t2.socket.close();
  });

  it("support on replica 2 and the customer on replica 1 share one console: banner, read-only until handover", async () => {
    const ct = ct801!;
    const owner = await makeActor("owner", ct.tenantId);
    const support = await makeActor("support");
    const oc = await logIn(p1.url, owner.user.email, owner.user.password);
    const sc = await logIn(p2.url, support.user.email, support.user.password);
    const mine = await openTerminal(p1.url, oc, { ...(await issueConsoleTicket(owner.actor, { ctId: ct.id, kind: "console" })), ctId: ct.id, kind: "console" }, sockets);
    await waitFor("customer attached", () => mine.statuses.some((x) => x.type === "attached") || null, 20_000, 50);
    const s = await openTerminal(p2.url, sc, { ...(await issueConsoleTicket(support.actor, { ctId: ct.id, kind: "console", reason: "ticket 99: replica check" })), ctId: ct.id, kind: "console" }, sockets);
    await waitFor("support attached", () => s.statuses.some((x) => x.type === "attached") || null, 20_000, 50);
    await waitFor("the customer's banner names support", () => mine.statuses.some((x) => x.type === "viewers" && x.viewers.some((v) => v.email === support.user.email && v.readOnly && v.reason === "ticket 99: replica check")) || null, 10_000, 50);
    s.type("\r");
    await new Promise((r) => setTimeout(r, 500));
    const before = mine.output().length;
    s.type(`not-${tag}\r`);
    await new Promise((r) => setTimeout(r, 700));
    expect(mine.output().slice(before)).not.toContain(`not-${tag}`);
    expect(await mine.socket.timeout(10_000).emitWithAck("control", { type: "handover", allow: true })).toEqual({ ok: true });
    await waitFor("support sees the handover", () => s.statuses.some((x) => x.type === "viewers" && x.handover) || null, 10_000, 50);
    s.type(`yes-${tag}\r`);
    await mine.waitFor(`yes-${tag}`);
    s.socket.close();
    await waitFor("the banner drops support", () => {
      const last = [...mine.statuses].reverse().find((x) => x.type === "viewers");
      return (last?.type === "viewers" && !last.viewers.some((v) => v.role === "support")) || null;
    }, 10_000, 50);
    mine.socket.close();
  });

  it("revoking the node's token on one replica disconnects its agent held by the other", async () => {
    const pid = n.initPid(801);
    await revokeNodeToken({ kind: "system", reason: "test" }, nodeId);
    await waitFor("agent cut off", () => /unknown or revoked node token/.test(agent.output()) || null, 15_000);
    expect(n.initPid(801)).toBe(pid);
  });
});
