// /console against the running server, with a real node agent and busybox CT
// (tests/helpers/console-node.ts): shells and consoles, replay, resize,
// reconnect tokens, idle expiry, back-pressure, support staff, and every refusal.
import fs from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { issueConsoleTicket } from "@/server/console/issue-console-ticket";
import { hashConsoleSecret } from "@/server/console/hash-console-secret";
import { db } from "@/server/db/client";
import { baseUrl } from "../helpers/api-client";
import { logInFresh as logInCookie } from "../helpers/http";
import { closeAllTerms, openTerm, type Term } from "../helpers/console-client";
import { consoleSkipReason, startConsoleNode, type ConsoleNode } from "../helpers/console-node";
import { makeActor, makeCustomer } from "../helpers/fixtures";

const skip = consoleSkipReason();

type Who = Awaited<ReturnType<typeof makeActor>> & { cookie: string };
let node: ConsoleNode;
let owner: Who;
let stranger: Who;
let support: Who;
let ct: { id: string; ctid: number };
let otherCt: { id: string; ctid: number };

async function who(role: Parameters<typeof makeActor>[0], tenantId: string | null): Promise<Who> {
  const a = await makeActor(role, tenantId);
  return { ...a, cookie: await logInCookie(a.user.email, a.user.password) };
}

async function term(w: Who, ctId: string, kind: "console" | "shell", extra: Partial<Parameters<typeof openTerm>[0]> & { reason?: string } = {}): Promise<Term> {
  const { ticket } = await issueConsoleTicket(w.actor, { ctId, kind, reason: extra.reason });
  return openTerm({ cookie: w.cookie, ctId, kind, ticket, ...extra });
}

async function shell(w: Who = owner, extra: Parameters<typeof term>[3] = {}) {
  const t = await term(w, ct.id, "shell", extra);
  expect(t.connectError).toBeUndefined();
  await t.waitStatus("attached");
  return t;
}

async function waitUntil(fn: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

let n = 0;
async function roundTrip(t: Term) {
  const tag = `${Date.now() % 100000}-${++n}`;
  t.type(`echo he""llo-${tag}\r`);
  await t.waitFor(`hello-${tag}`);
}

describe.skipIf(skip)("/console: shells and consoles on a real CT", () => {
  beforeAll(async () => {
    node = await startConsoleNode(baseUrl());
    const customer = await makeCustomer();
    const other = await makeCustomer();
    owner = { ...customer.owner, cookie: await logInCookie(customer.owner.user.email, customer.owner.user.password) };
    stranger = await who("owner", other.tenant.id);
    support = await who("support", null);
    ct = await node.makeCt(customer.tenant.id);
    otherCt = await node.makeCt(other.tenant.id, { start: false });
  }, 180_000);
  afterEach(closeAllTerms);
  afterAll(async () => {
    closeAllTerms();
    await node?.cleanup();
  }, 60_000);

  it("shell: typed input runs in the CT and its output comes back", async () => {
    const t = await shell();
    await roundTrip(t);
  });

  it("shell: keys typed as text (one frame, as the browser sends them) and as bytes both reach the CT, as UTF-8", async () => {
    const t = await shell();
    // Halves of one command line, one as text and one as binary: the order holds.
    t.type("echo te\"\"xt-");
    t.typeBytes(Buffer.from('and-by""tes\r'));
    await t.waitFor("text-and-bytes");
    // A non-ASCII key typed as text arrives as its UTF-8 bytes (c3 a9).
    t.type("printf '\u00e9' | od -An -tx1 | tr -d ' '; echo od-\"\"done\r");
    await t.waitFor(/c3a9\s+od-done/);
  });

  it("shell: text keys reach only the socket's own session; another tenant's socket is refused before it can type", async () => {
    const mine = await shell();
    const { ticket } = await issueConsoleTicket(owner.actor, { ctId: ct.id, kind: "shell" });
    // The stranger holds a valid ticket of the owner's: the handshake still refuses it.
    const theirs = await openTerm({ cookie: stranger.cookie, ctId: ct.id, kind: "shell", ticket });
    expect(theirs.connectError).toBe("unauthorized: console ticket invalid or expired");
    expect(theirs.socket.connected).toBe(false);
    theirs.type("echo intr\"\"uder-text\r");
    // A second shell of the owner's is a session of its own: nothing crosses over.
    const other = await shell();
    other.type("echo oth\"\"er-shell\r");
    await other.waitFor("other-shell");
    await roundTrip(mine);
    await new Promise((r) => setTimeout(r, 300));
    expect(mine.output()).not.toContain("intruder-text");
    expect(mine.output()).not.toContain("other-shell");
    expect(other.output()).not.toContain("intruder-text");
  });

  it("shell: a reconnect token re-attaches the same shell with its scrollback", async () => {
    const a = await shell(owner, { idleSeconds: 30 });
    const token = (await a.waitStatus("attached")).token!;
    expect(token).toMatch(/^[\w-]{20,}$/);
    a.type('X=kept-42; echo "pid-$$-end"\r');
    const pid = (await a.waitFor(/pid-\d+-end/)).slice(4, -4);
    a.close();
    const b = await shell(owner, { session: token });
    expect((await b.waitStatus("attached")).created).toBe(false);
    // The replay carries what was on the screen before.
    await b.waitFor(`pid-${pid}-end`);
    b.type('echo "again-$$-$X"\r');
    await b.waitFor(`again-${pid}-kept-42`);
    b.type("exit\r");
  });

  it("shell: resize reaches the pty; resize to 0 or 100000 columns is refused and the session goes on", async () => {
    const t = await shell();
    expect(await t.control({ type: "resize", cols: 100, rows: 40 })).toEqual({ ok: true });
    t.type("stty size\r");
    await t.waitFor("40 100");
    for (const bad of [{ type: "resize", cols: 0, rows: 24 }, { type: "resize", cols: 100000, rows: 24 }, { type: "resize", cols: 80, rows: -1 }]) {
      expect(await t.control(bad)).toMatchObject({ ok: false, error: { code: "bad_request" } });
    }
    await roundTrip(t);
  });

  it("shell: a resize sent as soon as the socket connects, before the session is open, still reaches the pty", async () => {
    // As the browser does: its terminal is fitted while the ticket is on its way.
    const t = await term(owner, ct.id, "shell", { cols: 80, rows: 24 });
    expect(t.connectError).toBeUndefined();
    const answer = t.control({ type: "resize", cols: 111, rows: 33 });
    await t.waitStatus("attached");
    expect(await answer).toEqual({ ok: true });
    t.type("stty size\r");
    await t.waitFor("33 111");
  });

  it("shell: an idle session ends once nobody viewed it for its idle time", async () => {
    const a = await shell(owner, { idleSeconds: 1 });
    const token = (await a.waitStatus("attached")).token!;
    a.close();
    await new Promise((r) => setTimeout(r, 2500));
    const b = await shell(owner, { session: token });
    expect((await b.waitStatus("attached")).created).toBe(true);
    const old = await db().consoleSession.findUnique({ where: { reconnectHash: hashConsoleSecret(token) } });
    expect(old?.endedAt).not.toBeNull();
  });

  it("back-pressure: a viewer that stops reading pauses its session, bounded, while other sessions flow", async () => {
    const flood = await shell(owner, { autoAck: false, idleSeconds: 5 });
    flood.type("yes flooding-the-terminal\r");
    await new Promise((r) => setTimeout(r, 3000));
    const first = flood.received();
    await new Promise((r) => setTimeout(r, 1000));
    // Paused: nothing more arrives, and what arrived is bounded by the two windows.
    expect(flood.received()).toBe(first);
    expect(first).toBeLessThan(4 * 1024 * 1024);
    // Another session on the same agent socket is not slowed.
    const other = await shell(owner, { idleSeconds: 5 });
    const t0 = Date.now();
    await roundTrip(other);
    expect(Date.now() - t0).toBeLessThan(2000);
    // Acknowledging lets the flood go on.
    flood.ackAll();
    await new Promise((r) => setTimeout(r, 500));
    expect(flood.received()).toBeGreaterThan(first);
    flood.type("\x03");
  });

  it("shell: nothing of the panel or agent leaks in (environment, file descriptors, cgroup)", async () => {
    const t = await shell(owner, { idleSeconds: 5 });
    t.type('env | grep -c -E "CORRAL|DATABASE|SECRET|TOKEN" ; echo "env-done"\r');
    await t.waitFor(/\r\n0\r\nenv-done/);
    // The shell's own fds point only at its terminal (and the pipes of this very command).
    t.type('echo fds-start; for f in /proc/$$/fd/*; do readlink $f; done; echo fds-end\r');
    const fds = (await t.waitFor(/\nfds-start\r\n[^]*?fds-end/)).split("\r\n").slice(1, -1);
    expect(fds.length).toBeGreaterThan(0);
    for (const target of fds) expect(target).toMatch(/^(\/dev\/pts\/\d+|\/dev\/tty|\/proc\/\d+\/fd|pipe:\[\d+\])$/);
    t.type('echo "c""g:$(cat /proc/self/cgroup | tr "\\n" " ")."\r');
    // A cgroup namespace rooted at the CT's cgroup: every hierarchy shows "/", nothing of the host's tree.
    const cgroups = (await t.waitFor(/\ncg:[^.]*\./)).trim().slice(3, -1).trim().split(" ");
    expect(cgroups.length).toBeGreaterThan(0);
    for (const line of cgroups) expect(line).toMatch(/^\d+:[^:]*:\/$/);
  });

  it("console: works while the CT is stopped, shows the boot live, replays to a later viewer, several at once", async () => {
    const first = await term(owner, otherCt.id, "console").catch(() => null);
    expect(first).toBeNull(); // not the owner's CT: no ticket
    const customer = await db().ct.findUniqueOrThrow({ where: { id: otherCt.id }, select: { tenantId: true } });
    const otherOwner = await who("owner", customer.tenantId);
    const a = await term(otherOwner, otherCt.id, "console");
    expect(a.connectError).toBeUndefined();
    await a.waitStatus("attached");
    node.sim.ctl("start", String(otherCt.ctid), "--wait");
    await a.waitFor("login:", 20_000);
    const b = await term(otherOwner, otherCt.id, "console");
    await b.waitStatus("attached");
    await b.waitFor("login:"); // the monitor's ring, replayed
    a.type("\r");
    await new Promise((r) => setTimeout(r, 300));
    expect(a.socket.connected && b.socket.connected).toBe(true);
    node.sim.ctl("stop", String(otherCt.ctid), "--fast");
  }, 60_000);

  describe("refusals", () => {
    const expectRefused = async (t: Term, message: string) => {
      expect(t.connectError).toBe(message);
    };

    it("without a ticket, or with a malformed handshake", async () => {
      await expectRefused(await openTerm({ cookie: owner.cookie, ctId: ct.id, kind: "shell", ticket: "", auth: { ctId: ct.id, kind: "shell" } }), "bad_request: malformed console handshake");
    });

    it("a reused ticket", async () => {
      const { ticket } = await issueConsoleTicket(owner.actor, { ctId: ct.id, kind: "shell" });
      const a = await openTerm({ cookie: owner.cookie, ctId: ct.id, kind: "shell", ticket, idleSeconds: 1 });
      expect(a.connectError).toBeUndefined();
      await expectRefused(await openTerm({ cookie: owner.cookie, ctId: ct.id, kind: "shell", ticket }), "unauthorized: console ticket invalid or expired");
    });

    it("an expired ticket", async () => {
      const ticket = `expired-ticket-${Date.now()}-abcdefgh`;
      await db().consoleTicket.create({ data: { tokenHash: hashConsoleSecret(ticket), userId: owner.user.id, ctId: ct.id, kind: "shell", expiresAt: new Date(Date.now() - 1000) } });
      await expectRefused(await openTerm({ cookie: owner.cookie, ctId: ct.id, kind: "shell", ticket }), "unauthorized: console ticket invalid or expired");
    });

    it("a ticket for another CT, another kind, or another user", async () => {
      const { ticket } = await issueConsoleTicket(owner.actor, { ctId: ct.id, kind: "shell" });
      await expectRefused(await openTerm({ cookie: owner.cookie, ctId: otherCt.id, kind: "shell", ticket }), "unauthorized: console ticket invalid or expired");
      const t2 = await issueConsoleTicket(owner.actor, { ctId: ct.id, kind: "console" });
      await expectRefused(await openTerm({ cookie: owner.cookie, ctId: ct.id, kind: "shell", ticket: t2.ticket }), "unauthorized: console ticket invalid or expired");
      const t3 = await issueConsoleTicket(owner.actor, { ctId: ct.id, kind: "shell" });
      await expectRefused(await openTerm({ cookie: stranger.cookie, ctId: ct.id, kind: "shell", ticket: t3.ticket }), "unauthorized: console ticket invalid or expired");
    });

    it("another tenant's CT, before any process starts", async () => {
      await expect(issueConsoleTicket(stranger.actor, { ctId: ct.id, kind: "shell" })).rejects.toMatchObject({ code: "not_found" });
      // Even a ticket row for it (as if forged) is refused at the handshake.
      const ticket = `forged-ticket-${Date.now()}-abcdefgh`;
      await db().consoleTicket.create({ data: { tokenHash: hashConsoleSecret(ticket), userId: stranger.user.id, ctId: ct.id, kind: "shell", expiresAt: new Date(Date.now() + 30_000) } });
      await expectRefused(await openTerm({ cookie: stranger.cookie, ctId: ct.id, kind: "shell", ticket }), "not_found: The CT does not exist.");
      expect(await db().consoleSession.count({ where: { userId: stranger.user.id } })).toBe(0);
    });

    it("another Origin, or no session cookie", async () => {
      const { ticket } = await issueConsoleTicket(owner.actor, { ctId: ct.id, kind: "shell" });
      await expectRefused(await openTerm({ cookie: owner.cookie, ctId: ct.id, kind: "shell", ticket, origin: "https://evil.example" }), "forbidden: origin not allowed");
      await expectRefused(await openTerm({ cookie: "", ctId: ct.id, kind: "shell", ticket }), "unauthorized: log in first");
    });

    it("unknown events, binary garbage and oversized control messages are ignored; the session is unharmed", async () => {
      const t = await shell(owner, { idleSeconds: 5 });
      t.socket.emit("exec", { cmd: "reboot" });
      t.socket.emit("control", Buffer.from([0xff, 0x00, 0x13, 0x37]));
      expect(await t.control({ type: "resize", cols: 80, rows: 24, junk: "x".repeat(5000) })).toMatchObject({ ok: false, error: { code: "payload_too_large" } });
      expect(await t.control({ type: "sudo" })).toMatchObject({ ok: false, error: { code: "bad_request" } });
      expect(await t.control("not an object")).toMatchObject({ ok: false });
      t.socket.emit("data", { not: "terminal input" });
      t.socket.emit("data", 4711);
      t.socket.emit("data", Buffer.alloc(100_000, 0x41));
      t.socket.emit("data", "A".repeat(100_000));
      await roundTrip(t);
    });

    it("support staff: no shell, and no console without a reason", async () => {
      await expect(issueConsoleTicket(support.actor, { ctId: ct.id, kind: "shell", reason: "checking things" })).rejects.toMatchObject({ code: "not_found" });
      await expect(issueConsoleTicket(support.actor, { ctId: ct.id, kind: "console" })).rejects.toMatchObject({ code: "bad_request" });
    });
  });

  it("support attach: the customer sees who, support is read-only until handover, audited and recorded", async () => {
    const mine = await term(owner, ct.id, "console");
    await mine.waitStatus("attached");
    const s = await term(support, ct.id, "console", { reason: "ticket 4711: network check" });
    expect(s.connectError).toBeUndefined();
    expect((await s.waitStatus("attached")).readOnly).toBe(true);
    await mine.waitFor(""); // let status arrive
    await waitUntil(() => mine.statuses.some((x) => x.type === "viewers" && x.viewers.some((v) => v.email === support.user.email && v.role === "support" && v.reason === "ticket 4711: network check"))).catch((e) => {
      console.log("MINE", JSON.stringify(mine.statuses), "SUPPORT", JSON.stringify(s.statuses));
      throw e;
    });
    s.type("\r");
    await mine.waitFor("login:", 15_000);
    const before = mine.output().length;
    s.type("typed-by-support\r");
    await new Promise((r) => setTimeout(r, 700));
    expect(mine.output().slice(before)).not.toContain("typed-by-support");
    expect(await mine.control({ type: "handover", allow: true })).toEqual({ ok: true });
    await waitUntil(() => s.statuses.some((x) => x.type === "viewers" && x.handover)).catch((e) => { console.log("SUPPORT", JSON.stringify(s.statuses), "MINE", JSON.stringify(mine.statuses)); throw e; });
    s.type("handed-over\r");
    await mine.waitFor("handed-over").catch((e) => { console.log(node.agent.output().slice(-3000)); throw e; });
    s.close();
    await waitUntil(async () => (await db().auditEvent.count({ where: { ctId: ct.id, actorId: support.user.id, action: { in: ["console.attach", "console.detach"] } } })) === 2);
    const row = await db().consoleSession.findFirstOrThrow({ where: { userId: support.user.id, ctId: ct.id }, orderBy: { startedAt: "desc" } });
    expect(row.reason).toBe("ticket 4711: network check");
    expect(row.recordingPath).toBeTruthy();
    await waitUntil(() => fs.existsSync(row.recordingPath!) && fs.readFileSync(row.recordingPath!, "utf8").includes("handed-over"));
    const [header, ...events] = fs.readFileSync(row.recordingPath!, "utf8").trim().split("\n");
    expect(JSON.parse(header!)).toMatchObject({ version: 2, width: 80, height: 24 });
    expect(events.map((e) => JSON.parse(e)[1])).toContain("o");
  });

  it("the key bar's Ctrl-Alt-Del asks for a reboot: refused to support staff, checked against the CT's state", async () => {
    const s = await term(support, ct.id, "console", { reason: "ticket 4712: reboot check" });
    await s.waitStatus("attached");
    expect(await s.control({ type: "ctrl-alt-del" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    // otherCt is stopped: the restart task is refused with the power buttons' sentence.
    const customer = await db().ct.findUniqueOrThrow({ where: { id: otherCt.id }, select: { tenantId: true } });
    const o = await who("owner", customer.tenantId);
    const t = await term(o, otherCt.id, "console");
    await t.waitStatus("attached");
    expect(await t.control({ type: "ctrl-alt-del" })).toMatchObject({ ok: false, error: { code: "conflict", message: "The CT is not running. Start it instead." } });
  });

  it("logging out, being disabled or losing the role closes open terminals within 5 s", async () => {
    const customer = await db().ct.findUniqueOrThrow({ where: { id: ct.id }, select: { tenantId: true } });
    for (const how of ["logout", "disable", "role"] as const) {
      const u = await who("member", customer.tenantId);
      const t = await shell(u, { idleSeconds: 1 });
      const t0 = Date.now();
      if (how === "logout") await fetch(`${baseUrl()}/api/auth/sign-out`, { method: "POST", headers: { cookie: u.cookie, origin: baseUrl(), "content-type": "application/json" }, body: "{}" });
      if (how === "disable") await db().user.update({ where: { id: u.user.id }, data: { disabled: true } });
      if (how === "role") await db().user.update({ where: { id: u.user.id }, data: { role: "owner" } });
      await t.waitDisconnect(5000);
      expect(Date.now() - t0, how).toBeLessThan(5000);
    }
  });
});
