// TOTP for staff through better-auth's twoFactor plugin: set up, then the
// password alone no longer opens a session.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { baseUrl } from "../helpers/api-client";
import { makeActor } from "../helpers/fixtures";
import { freshLoopback, logInFresh, request } from "../helpers/http";

function base32(s: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of s.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  return Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
}

// RFC 6238 with SHA-1, 30 s steps, 6 digits (what authenticator apps use).
function totp(secret: string, step = Math.floor(Date.now() / 30_000)): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac("sha1", base32(secret)).update(counter).digest();
  const off = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(off) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

const cookiesOf = (set: string[] | undefined) => (set ?? []).map((c) => c.split(";")[0]).join("; ");

describe("TOTP for staff", () => {
  it("an admin turns TOTP on; afterwards login needs the code", async () => {
    const { user } = await makeActor("admin");
    const cookie = await logInFresh(user.email, user.password);
    const h = { cookie, origin: baseUrl() };
    const enable = await request("POST", "/api/auth/two-factor/enable", { headers: h, body: { password: user.password } });
    expect(enable.status, enable.text).toBe(200);
    const secret = new URL((enable.json() as { totpURI: string }).totpURI).searchParams.get("secret")!;
    const verify = await request("POST", "/api/auth/two-factor/verify-totp", { headers: h, body: { code: totp(secret) } });
    expect(verify.status, verify.text).toBe(200);

    const ip = freshLoopback();
    const first = await request("POST", "/api/auth/sign-in/email", { headers: { origin: baseUrl() }, body: { email: user.email, password: user.password }, localAddress: ip });
    expect(first.status).toBe(200);
    expect(first.json()).toMatchObject({ twoFactorRedirect: true });
    const pending = cookiesOf(first.headers["set-cookie"]);
    // The password step alone gives no usable session.
    expect((await request("GET", "/api/v1/plans", { headers: { cookie: pending } })).status).toBe(401);

    const wrong = await request("POST", "/api/auth/two-factor/verify-totp", { headers: { cookie: pending, origin: baseUrl() }, body: { code: "000000" }, localAddress: ip });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    const second = await request("POST", "/api/auth/two-factor/verify-totp", { headers: { cookie: pending, origin: baseUrl() }, body: { code: totp(secret, Math.floor(Date.now() / 30_000) + 1) }, localAddress: ip });
    expect(second.status, second.text).toBe(200);
    const session = cookiesOf(second.headers["set-cookie"]);
    expect((await request("GET", "/api/v1/plans", { headers: { cookie: session } })).status).toBe(200);
  });
});
