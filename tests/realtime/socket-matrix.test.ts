// The socket part of the authorization matrix: every namespace refuses an
// anonymous handshake, and every event touching a CT answers another tenant's
// owner exactly as it answers for a CT that does not exist.
import fs from "node:fs";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { baseUrl } from "../helpers/api-client";
import { makeCustomer, makeNode, makePlan } from "../helpers/fixtures";
import { logInFresh } from "../helpers/http";
import { SOCKET_NAMESPACES, type SocketVictim } from "./socket-events";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const sockets: Socket[] = [];
afterAll(() => sockets.splice(0).forEach((s) => s.close()));

function open(ns: string, headers: Record<string, string>) {
  const s = connect(new URL(ns, baseUrl()).toString(), { transports: ["websocket"], extraHeaders: { origin: baseUrl(), ...headers }, reconnection: false, timeout: 5000 });
  sockets.push(s);
  return new Promise<{ ok: true; s: Socket } | { ok: false; message: string }>((resolve) => {
    s.once("connect", () => resolve({ ok: true, s }));
    s.once("connect_error", (err) => resolve({ ok: false, message: err.message }));
  });
}

let victim: SocketVictim;
let otherCookie: string;

beforeAll(async () => {
  const node = await makeNode();
  const plan = await makePlan();
  const a = await makeCustomer();
  const b = await makeCustomer();
  const ct = await db().ct.create({ data: { ctid: 400_000 + Math.floor(Math.random() * 1_000_000), tenantId: a.tenant.id, nodeId: node.id, planId: plan.id, hostname: "victim", ostemplate: "busybox", state: "STOPPED", ramBytes: plan.ramBytes, swapBytes: 0n, diskBytes: plan.diskBytes, diskInodes: plan.diskInodes } });
  victim = { ctId: ct.id };
  otherCookie = await logInFresh(b.owner.user.email, b.owner.user.password);
}, 60_000);

describe("authorization matrix over socket.io", () => {
  it("lists every namespace the server registers", () => {
    const dir = path.join(ROOT, "server", "realtime");
    const registered = new Set(fs.readdirSync(dir).flatMap((f) => [...fs.readFileSync(path.join(dir, f), "utf8").matchAll(/io\.of\("(\/[\w-]*)"\)/g)].map((m) => m[1]!)));
    expect([...registered].sort()).toEqual(Object.keys(SOCKET_NAMESPACES).sort());
  });

  for (const ns of Object.keys(SOCKET_NAMESPACES)) {
    it(`${ns} - refuses an anonymous handshake`, async () => {
      const r = await open(ns, {});
      expect(r.ok).toBe(false);
      expect((r as { message: string }).message).toMatch(/unauthorized|forbidden|log in|token/i);
    });
  }

  for (const [ns, { events }] of Object.entries(SOCKET_NAMESPACES)) {
    for (const e of events) {
      it(`${ns} ${e.event} - another tenant's owner gets the answer for a missing CT`, async () => {
        const r = await open(ns, { cookie: otherCookie });
        expect(r.ok).toBe(true);
        const s = (r as { s: Socket }).s;
        const theirs = await s.timeout(5000).emitWithAck(e.event, e.payload(victim));
        const absent = await s.timeout(5000).emitWithAck(e.event, e.payload({ ctId: `missing-${Date.now()}` }));
        expect(theirs.ok).toBe(false);
        expect(theirs).toEqual(absent);
      });
    }
  }
});
