// CTs outlive the panel and the agent: kill -9 of either or both leaves every
// CT running with the same init PID, and after restart the panel's state
// matches the node within 30 s. Tasks are resolved honestly on reconnect, and
// onboot CTs start after a node reboot.
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_TEXT_FEATURE } from "@/server/agent/console-wire-chunk";
import { issueConsoleTicket } from "@/server/console/issue-console-ticket";
import { db } from "@/server/db/client";
import { createNode } from "@/server/nodes/create-node";
import { enqueueTask } from "@/server/tasks/enqueue-task";
import { makeSimNode, nodeTestsSkipReason, waitFor, type SimNode } from "../helpers/node-sim";
import { makeActor } from "../helpers/fixtures";
import { makeCtRow, makeTenant, removePanelDirs, startPanel, waitTask, type Panel } from "../helpers/panel-fixture";
import { logIn, openTerminal } from "../helpers/panel-sockets";

const skip = nodeTestsSkipReason();
const tag = `${process.pid}-${Date.now().toString(36)}`;
const name = `surv-${tag}`;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const agentPid = (p: Panel) => Number([...p.output().matchAll(/"pid":(\d+),"root":"[^"]*","msg":"local agent started"/g)].at(-1)?.[1] ?? 0);

describe.skipIf(skip)(`survival${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let a: SimNode, panel: Panel, nodeId: string, tenantId: string;
  const ids: Record<number, string> = {};

  const statesMatch = async () => {
    const cts = await db().ct.findMany({ where: { nodeId } });
    const onNode = new Map(a.ctlJson<{ ctid: number; status: string }[]>("list", "-a").map((r) => [r.ctid, r.status]));
    return cts.every((c) => (onNode.get(c.ctid) === "running") === (c.state === "RUNNING"));
  };

  beforeAll(async () => {
    a = makeSimNode();
    panel = await startPanel({ nodeRoot: a.root, nodeName: name });
    nodeId = (await waitFor("node online", async () => (await db().node.findUnique({ where: { name } }))?.status === "ONLINE" && db().node.findUnique({ where: { name } })))!.id;
    tenantId = (await makeTenant()).id;
    for (const ctid of [501, 502]) {
      const ct = await makeCtRow(tenantId, nodeId, ctid, { onboot: true });
      ids[ctid] = ct.id;
      const t = await waitTask((await enqueueTask({ kind: "create", ctId: ct.id, nodeId, tenantId })).id);
      expect(t.status, t.log.join("|")).toBe("SUCCEEDED");
    }
  });

  afterAll(async () => {
    await panel?.stop();
    a?.cleanup();
    removePanelDirs();
  });

  it("kill -9 of the agent: CTs keep their init PIDs, the panel restarts its agent and states match", async () => {
    const before = [a.initPid(501), a.initPid(502)];
    const pid = agentPid(panel);
    expect(pid).toBeGreaterThan(1);
    process.kill(pid, "SIGKILL");
    await waitFor("agent gone", () => !alive(pid));
    await waitFor("a new agent", () => agentPid(panel) !== pid && alive(agentPid(panel)), 30_000);
    expect([a.initPid(501), a.initPid(502)]).toEqual(before);
    await waitFor("node online again", async () => (await db().node.findUniqueOrThrow({ where: { id: nodeId } })).status === "ONLINE", 30_000);
    await waitFor("states match", statesMatch, 30_000);
  });

  it("kill -9 of the panel: its agent leaves too, CTs keep running; after restart the state matches within 30 s", async () => {
    const before = [a.initPid(501), a.initPid(502)];
    const agent = agentPid(panel);
    await panel.stop("SIGKILL");
    await waitFor("the agent notices the panel is gone and exits", () => !alive(agent), 10_000);
    expect([a.initPid(501), a.initPid(502)]).toEqual(before);
    // While nobody watches, a CT is stopped by hand on the node.
    a.ctl("stop", "--fast", "502");
    const restartedAt = Date.now();
    panel = await startPanel({ nodeRoot: a.root, nodeName: name, stateDir: panel.stateDir });
    await waitFor("states match after restart", async () => (await statesMatch()) && (await db().ct.findUniqueOrThrow({ where: { id: ids[502]! } })).state === "STOPPED", 30_000);
    expect(Date.now() - restartedAt).toBeLessThan(30_000 + 15_000);
    expect(a.initPid(501)).toBe(before[0]);
  });

  it("after kill -9 of panel and agent, a console reattaches with the scrollback written before, and metrics resume", async () => {
    // Written on CT 501's console while the panel runs; the monitor keeps it.
    a.ctl("exec", "501", "--", "sh", "-c", "echo before-the-crash-$((6*7)) > /dev/console");
    const agent = agentPid(panel);
    process.kill(agent, "SIGKILL");
    await panel.stop("SIGKILL");
    panel = await startPanel({ nodeRoot: a.root, nodeName: name, stateDir: panel.stateDir });
    await waitFor("node online again", async () => (await db().node.findUniqueOrThrow({ where: { id: nodeId } })).status === "ONLINE", 30_000);
    const owner = await makeActor("owner", tenantId);
    const cookie = await logIn(panel.url, owner.user.email, owner.user.password);
    const sockets: Socket[] = [];
    try {
      const { ticket } = await issueConsoleTicket(owner.actor, { ctId: ids[501]!, kind: "console" });
      const term = await openTerminal(panel.url, cookie, { ticket, ctId: ids[501]!, kind: "console" }, sockets);
      await term.waitFor("before-the-crash-42", 20_000);
      const m = connect(`${panel.url}/metrics`, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { cookie, origin: panel.url } });
      sockets.push(m);
      const live = new Set<number>();
      m.on("data", (d: { ctId: string; t: number }) => d.ctId === ids[501] && live.add(d.t));
      await new Promise<void>((resolve, reject) => {
        m.once("connect", () => resolve());
        m.once("connect_error", reject);
      });
      const joined = (await m.timeout(10_000).emitWithAck("control", { op: "join", ctIds: [ids[501]!] })) as { ok: boolean };
      expect(joined.ok, JSON.stringify(joined)).toBe(true);
      await waitFor("live samples of CT 501 again", () => live.size >= 2 || null, 20_000, 100);
    } finally {
      sockets.forEach((s) => s.close());
    }
  });

  it("kill -9 of panel and agent together: CTs keep running with the same init PID", async () => {
    const before = a.initPid(501);
    const agent = agentPid(panel);
    process.kill(agent, "SIGKILL");
    await panel.stop("SIGKILL");
    expect(a.initPid(501)).toBe(before);
    panel = await startPanel({ nodeRoot: a.root, nodeName: name, stateDir: panel.stateDir });
    await waitFor("states match", statesMatch, 30_000);
    expect(a.initPid(501)).toBe(before);
  });

  it("a task whose agent is killed mid-way is resolved from the CT's real state, never left running", async () => {
    const t = await enqueueTask({ kind: "stop", ctId: ids[501]!, nodeId, tenantId });
    await waitFor("task sent", async () => (await db().task.findUniqueOrThrow({ where: { id: t.id } })).status !== "QUEUED", 10_000, 20);
    process.kill(agentPid(panel), "SIGKILL");
    const done = await waitTask(t.id, 40_000);
    expect(["SUCCEEDED", "FAILED"]).toContain(done.status);
    // Whatever the outcome says, it matches the node.
    if (done.status === "SUCCEEDED") expect(a.initPid(501)).toBeNull();
    await waitFor("states match", statesMatch, 30_000);
  });

  it("after a node reboot (new boot id) the onboot CTs that are stopped are started as tasks", async () => {
    await waitFor("node online", async () => (await db().node.findUniqueOrThrow({ where: { id: nodeId } })).status === "ONLINE", 30_000);
    if (a.initPid(501)) a.ctl("stop", "--fast", "501");
    if (a.initPid(502)) a.ctl("stop", "--fast", "502");
    await db().ct.updateMany({ where: { nodeId }, data: { state: "STOPPED" } });
    await db().node.update({ where: { id: nodeId }, data: { bootId: "boot-before-the-reboot" } });
    process.kill(agentPid(panel), "SIGKILL");
    await waitFor("onboot CTs running", () => a.initPid(501) !== null && a.initPid(502) !== null, 40_000);
    const starts = await db().task.findMany({ where: { ctId: { in: [ids[501]!, ids[502]!] }, kind: "start" } });
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts.every((s) => (s.input as { reason?: string }).reason === "onboot after node reboot")).toBe(true);
  });

  it("on reconnect the panel records outcomes reached while apart, keeps tasks the agent still runs, and fails tasks it lost", async () => {
    const added = await createNode({ kind: "system", reason: "test" }, { name: `fake-${tag}` }, panel.url);
    const fakeNode = await db().node.findUniqueOrThrow({ where: { name: `fake-${tag}` } });
    const ct = await makeCtRow(tenantId, fakeNode.id, 601);
    const ct2 = await makeCtRow(tenantId, fakeNode.id, 602);
    const ct3 = await makeCtRow(tenantId, fakeNode.id, 603);
    const past = new Date(Date.now() - 60_000);
    const mk = (ctId: string) => db().task.create({ data: { kind: "start", ctId, nodeId: fakeNode.id, tenantId, status: "RUNNING", startedAt: past } });
    const [finished, still, lost] = [await mk(ct.id), await mk(ct2.id), await mk(ct3.id)];
    const s = connect(`${panel.url}/agents`, { auth: { token: added.token }, transports: ["websocket"], reconnection: false });
    try {
      await new Promise<void>((r) => s.once("connect", () => r()));
      s.on("ct:list", (_m: unknown, ack: (r: unknown) => void) => ack({ ok: true, value: [] }));
      const outcome = { taskId: finished.id, ok: true, result: {}, ct: { ctid: 601, status: "running", ip: [] }, finishedAt: new Date().toISOString() };
      const reply = await s.timeout(10_000).emitWithAck("hello", {
        agentVersion: "test", kernel: "Linux test", cgroupMode: "v1", cpus: 1, ramBytes: 1 << 30, diskBytes: 1 << 30, bootId: "b",
        runningTasks: [still.id], finishedTasks: [outcome],
      });
      expect(reply).toEqual({ ok: true, value: { recorded: [finished.id], features: [CONSOLE_TEXT_FEATURE] } });
      const [f, st, l] = await Promise.all([finished, still, lost].map((t) => db().task.findUniqueOrThrow({ where: { id: t.id } })));
      expect(f!.status).toBe("SUCCEEDED");
      expect(f!.log.join(" ")).toMatch(/after the agent reconnected/);
      expect(st!.status).toBe("RUNNING");
      expect(l!.status).toBe("FAILED");
      expect(l!.error).toMatch(/does not know this task/);
      const done = await s.timeout(10_000).emitWithAck("task:done", { taskId: still.id, ok: true, ct: { ctid: 602, status: "running", ip: [] }, finishedAt: new Date().toISOString() });
      expect(done.ok).toBe(true);
      expect((await db().task.findUniqueOrThrow({ where: { id: still.id } })).status).toBe("SUCCEEDED");
    } finally {
      s.close();
    }
  });
});
