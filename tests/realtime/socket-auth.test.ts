import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { baseUrl, logInCookie, makeUser } from "../helpers/api-client";

const sockets: Socket[] = [];
afterEach(() => sockets.splice(0).forEach((s) => s.close()));

function open(headers: Record<string, string>) {
  const s = connect(baseUrl(), { transports: ["websocket"], extraHeaders: headers, reconnection: false, timeout: 5000 });
  sockets.push(s);
  return s;
}

const outcome = (s: Socket) =>
  new Promise<{ ok: true } | { ok: false; message: string }>((resolve) => {
    s.once("connect", () => resolve({ ok: true }));
    s.once("connect_error", (err) => resolve({ ok: false, message: err.message }));
  });

describe("socket.io handshake", () => {
  it("refuses a socket without a session", async () => {
    expect(await outcome(open({ origin: baseUrl() }))).toEqual({ ok: false, message: "unauthorized: log in first" });
  });

  it("accepts the session cookie and knows who is there", async () => {
    const u = await makeUser();
    const s = open({ origin: baseUrl(), cookie: await logInCookie(u.email, u.password) });
    expect(await outcome(s)).toEqual({ ok: true });
    const reply = await s.timeout(5000).emitWithAck("whoami");
    expect(reply.user.email).toBe(u.email);
  });

  it("refuses a socket opened from another origin even with a valid cookie", async () => {
    const u = await makeUser();
    const s = open({ origin: "https://evil.example", cookie: await logInCookie(u.email, u.password) });
    expect(await outcome(s)).toEqual({ ok: false, message: "forbidden: origin not allowed" });
  });
});
