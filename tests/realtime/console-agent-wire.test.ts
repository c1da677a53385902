// The panel's two forms of terminal bytes on /agents (console-wire-chunk.ts),
// against the running server with fake agents (no CT needed): an agent whose
// hello names no features (an agent older than the text form) gets input as
// binary only and its binary output reaches the browser; an agent naming the
// text feature gets small input as latin1 text and may send text, which the
// browser still receives as binary bytes; text that is not bytes is refused.
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { CONSOLE_TEXT_FEATURE, CONSOLE_TEXT_MAX_BYTES } from "@/server/agent/console-wire-chunk";
import { issueConsoleTicket } from "@/server/console/issue-console-ticket";
import { db } from "@/server/db/client";
import { hashNodeToken, newNodeToken } from "@/server/nodes/node-token";
import { baseUrl } from "../helpers/api-client";
import { closeAllTerms, openTerm } from "../helpers/console-client";
import { makeCustomer, rnd } from "../helpers/fixtures";
import { logInFresh } from "../helpers/http";
import { makeCtRow } from "../helpers/panel-fixture";

const agents: ClientSocket[] = [];
const nodeIds: string[] = [];

async function until<T>(what: string, fn: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// A node row and a socket that speaks the agent's side of the console protocol.
async function fakeAgent(features: string[] | undefined) {
  const token = newNodeToken();
  const node = await db().node.create({ data: { name: `wire-${rnd()}`, tokenHash: hashNodeToken(token), ramBytes: 64n << 30n, diskBytes: 1000n << 30n, cpus: 2 } });
  nodeIds.push(node.id);
  // forceNew: its own connection, never shared with the browser sockets (socket.io-client reuses one per URL).
  const s = connect(`${baseUrl()}/agents`, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
  agents.push(s);
  const inputs: unknown[] = [];
  const sessions: string[] = [];
  s.on("console:open", (m: { sessionId: string }, ack: (r: unknown) => void) => {
    sessions.push(m.sessionId);
    ack({ ok: true, value: { created: true, replay: Buffer.from("replay>") } });
  });
  s.on("console:input", (_sessionId: unknown, data: unknown) => inputs.push(data));
  await new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", reject);
  });
  const hello = { agentVersion: "0.0.1-wire-test", kernel: "test", cgroupMode: "v1", cpus: 2, ramBytes: 1 << 30, diskBytes: 1 << 30, bootId: rnd(), runningTasks: [], finishedTasks: [], ...(features ? { features } : {}) };
  const reply = (await s.timeout(10_000).emitWithAck("hello", hello)) as { ok: boolean; value?: { features?: string[] } };
  return { node, s, inputs, sessions, reply };
}

async function shellOn(nodeId: string) {
  const customer = await makeCustomer();
  const ct = await makeCtRow(customer.tenant.id, nodeId, 100 + Math.floor(Math.random() * 800));
  const cookie = await logInFresh(customer.owner.user.email, customer.owner.user.password);
  const { ticket } = await issueConsoleTicket(customer.owner.actor, { ctId: ct.id, kind: "shell" });
  const t = await openTerm({ cookie, ctId: ct.id, kind: "shell", ticket });
  expect(t.connectError).toBeUndefined();
  await t.waitStatus("attached");
  await t.waitFor("replay>");
  // What the browser receives, as it arrives: binary frames only.
  const frames: unknown[] = [];
  t.socket.on("data", (d: unknown) => frames.push(d));
  return { t, frames };
}

describe("/agents terminal bytes: binary for older agents, small chunks as text for agents that read it", () => {
  afterEach(() => {
    closeAllTerms();
    for (const s of agents.splice(0)) s.close();
  });
  afterAll(async () => {
    for (const nodeId of nodeIds) {
      await db().consoleSession.deleteMany({ where: { ct: { nodeId } } }).catch(() => {});
      await db().ct.deleteMany({ where: { nodeId } }).catch(() => {});
      await db().node.delete({ where: { id: nodeId } }).catch(() => {});
    }
  });

  it("an agent whose hello names no features gets keys as binary, and its binary output reaches the browser", async () => {
    const a = await fakeAgent(undefined);
    expect(a.reply.ok).toBe(true);
    expect(a.reply.value?.features).toContain(CONSOLE_TEXT_FEATURE); // the panel says what it reads; an older agent ignores it
    const { t, frames } = await shellOn(a.node.id);
    t.type("a");
    t.type("é");
    await until("both keys at the agent", () => (a.inputs.length >= 2 ? true : undefined));
    expect(a.inputs.every((x) => Buffer.isBuffer(x))).toBe(true);
    expect(Buffer.concat(a.inputs as Buffer[]).toString("utf8")).toBe("aé");
    a.s.emit("console:data", a.sessions[0], Buffer.from("echo-old\r\n"));
    await t.waitFor("echo-old");
    expect(frames.every((f) => Buffer.isBuffer(f))).toBe(true);
  });

  it("an agent naming the text feature gets small input as latin1 text, large as binary; its text output reaches the browser as the same bytes, in binary", async () => {
    const a = await fakeAgent([CONSOLE_TEXT_FEATURE, "some-future-feature"]);
    expect(a.reply.ok).toBe(true);
    const { t, frames } = await shellOn(a.node.id);
    t.type("a");
    t.type("é");
    const big = Buffer.alloc(CONSOLE_TEXT_MAX_BYTES + 1, 0x62);
    t.typeBytes(big);
    await until("all input at the agent", () => (a.inputs.length >= 3 ? true : undefined));
    expect(a.inputs[0]).toBe("a");
    expect(typeof a.inputs[1]).toBe("string");
    expect(Buffer.from(a.inputs[1] as string, "latin1").toString("utf8")).toBe("é"); // the UTF-8 bytes, one char each
    expect(Buffer.isBuffer(a.inputs[2]) && (a.inputs[2] as Buffer).equals(big)).toBe(true);

    const bytes = Buffer.from("\x1b[1mhot-é\x1b[0m\xff\r\n", "latin1");
    a.s.emit("console:data", a.sessions[0], bytes.toString("latin1"));
    await until("the text chunk at the browser", () => (frames.length > 0 ? true : undefined));
    expect(Buffer.isBuffer(frames[0])).toBe(true);
    expect((frames[0] as Buffer).equals(bytes)).toBe(true);
    // Text that is not one byte per char is refused; the session goes on.
    a.s.emit("console:data", a.sessions[0], "bad-€");
    a.s.emit("console:data", a.sessions[0], "after-bad");
    await t.waitFor("after-bad");
    expect(t.output()).not.toContain("bad-");
    expect(frames.every((f) => Buffer.isBuffer(f))).toBe(true);
  });
});
