// Logging out or being disabled closes the sockets opened with that session.
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { baseUrl } from "../helpers/api-client";
import { makeActor, makeCustomer } from "../helpers/fixtures";
import { logInFresh, request } from "../helpers/http";

const sockets: Socket[] = [];
afterEach(() => sockets.splice(0).forEach((s) => s.close()));

async function openSocket(cookie: string) {
  const s = connect(baseUrl(), { transports: ["websocket"], extraHeaders: { origin: baseUrl(), cookie }, reconnection: false, timeout: 5000 });
  sockets.push(s);
  await new Promise<void>((resolve, reject) => {
    s.once("connect", () => resolve());
    s.once("connect_error", reject);
  });
  return s;
}

const closed = (s: Socket) => new Promise<string>((resolve) => s.once("disconnect", (reason) => resolve(reason)));

describe("session revocation", () => {
  it("sign-out closes the open socket of that session", async () => {
    const { user } = await makeActor("owner");
    const cookie = await logInFresh(user.email, user.password);
    const s = await openSocket(cookie);
    const gone = closed(s);
    const out = await request("POST", "/api/auth/sign-out", { headers: { cookie, origin: baseUrl() }, body: {} });
    expect(out.status).toBe(200);
    expect(await gone).toBe("io server disconnect");
    // And the cookie no longer opens a socket.
    await expect(openSocket(cookie)).rejects.toThrow(/unauthorized/);
  });

  it("disabling a user ends all their sessions and closes every socket", async () => {
    const { tenant, owner } = await makeCustomer();
    const { user: member } = await makeActor("member", tenant.id);
    const cookieA = await logInFresh(member.email, member.password);
    const cookieB = await logInFresh(member.email, member.password);
    const [s1, s2] = [await openSocket(cookieA), await openSocket(cookieB)];
    const gone = Promise.all([closed(s1), closed(s2)]);
    const ownerCookie = await logInFresh(owner.user.email, owner.user.password);
    const res = await request("PATCH", `/api/v1/users/${member.id}`, { headers: { cookie: ownerCookie, origin: baseUrl() }, body: { disabled: true } });
    expect(res.status, res.text).toBe(200);
    expect(await gone).toEqual(["io server disconnect", "io server disconnect"]);
    const page = await request("GET", "/api/v1/cts", { headers: { cookie: cookieA } });
    expect(page.status).toBe(401);
  });
});
