import { describe, expect, it } from "vitest";
import { LOGIN_MAX_FAILURES } from "@/server/auth/login-throttle";
import { baseUrl } from "../helpers/api-client";
import { makeActor, rnd } from "../helpers/fixtures";
import { freshLoopback, request } from "../helpers/http";

const signIn = (email: string, password: string, localAddress = freshLoopback()) =>
  request("POST", "/api/auth/sign-in/email", { body: { email, password }, headers: { origin: baseUrl() }, localAddress });

describe("POST /api/auth/sign-in/email - throttling", () => {
  it("locks an account after repeated failures from many IPs, the same way for unknown emails", async () => {
    const { user } = await makeActor("owner");
    const unknown = `nobody-${rnd()}@example.test`;
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      expect((await signIn(user.email, "wrong password!")).status).toBe(401);
      expect((await signIn(unknown, "wrong password!")).status).toBe(401);
    }
    const known = await signIn(user.email, user.password);
    const ghost = await signIn(unknown, "wrong password!");
    expect(known.status).toBe(429);
    expect(ghost.status).toBe(429);
    expect(known.json()).toEqual(ghost.json());
  });

  it("a successful login clears the account's failure count", async () => {
    const { user } = await makeActor("owner");
    for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i++) await signIn(user.email, "wrong password!");
    expect((await signIn(user.email, user.password)).status).toBe(200);
    for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i++) await signIn(user.email, "wrong password!");
    expect((await signIn(user.email, user.password)).status).toBe(200);
  });

  it("limits one IP across many accounts (the client IP is seen behind the custom server)", async () => {
    const ip = freshLoopback();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await signIn(`spray-${i}-${rnd()}@example.test`, "wrong password!", ip)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another address is not affected.
    expect((await signIn(`other-${rnd()}@example.test`, "wrong password!")).status).toBe(401);
  });

  it("refuses a disabled account with the same answer as a wrong password", async () => {
    const { user } = await makeActor("owner");
    const { db } = await import("@/server/db/client");
    await db().user.update({ where: { id: user.id }, data: { disabled: true } });
    const disabled = await signIn(user.email, user.password);
    const wrong = await signIn(`nobody-${rnd()}@example.test`, "wrong password!");
    expect(disabled.status).toBe(401);
    expect(disabled.json()).toEqual(wrong.json());
  });
});

describe("login audit", () => {
  it("records successful and failed logins with the source IP, and logouts", async () => {
    const { db } = await import("@/server/db/client");
    const { user } = await makeActor("owner");
    const ip = freshLoopback();
    await signIn(user.email, "wrong password!", ip);
    const ok = await signIn(user.email, user.password, ip);
    const cookie = (ok.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
    await request("POST", "/api/auth/sign-out", { headers: { cookie, origin: baseUrl() }, body: {} });
    const rows = await db().auditEvent.findMany({ where: { actorEmail: user.email }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.action, r.result])).toEqual([
      ["auth.login", "failure"],
      ["auth.login", "success"],
      ["auth.logout", "success"],
    ]);
    expect(rows.slice(0, 2).every((r) => r.sourceIp === ip)).toBe(true);
  });
});
