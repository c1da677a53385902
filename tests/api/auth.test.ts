import { describe, expect, it } from "vitest";
import { baseUrl, logInCookie, makeUser } from "../helpers/api-client";

const signIn = (body: unknown, origin = baseUrl()) =>
  fetch(`${baseUrl()}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify(body),
  });

describe("POST /api/auth/sign-in/email", () => {
  it("sets an httpOnly SameSite session cookie for the right password", async () => {
    const u = await makeUser();
    const res = await signIn({ email: u.email, password: u.password });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.includes("session_token"));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("answers a wrong password exactly like an unknown user", async () => {
    const u = await makeUser();
    const wrong = await signIn({ email: u.email, password: "not the password" });
    const unknown = await signIn({ email: `nobody-${Date.now()}@example.test`, password: "not the password" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(wrong.status);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  it("refuses a sign-in posted from another origin", async () => {
    const u = await makeUser();
    const res = await signIn({ email: u.email, password: u.password }, "https://evil.example");
    expect(res.status).toBe(403);
  });

  it("has public sign-up switched off", async () => {
    const res = await fetch(`${baseUrl()}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: baseUrl() },
      body: JSON.stringify({ email: `x-${Date.now()}@example.test`, password: "a long password", name: "X" }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe("pages behind the session", () => {
  it("GET / without a session redirects to /login", async () => {
    const res = await fetch(`${baseUrl()}/`, { redirect: "manual" });
    expect([303, 307, 308]).toContain(res.status);
    expect(res.headers.get("location")).toMatch(/\/login$/);
  });

  it("GET / with a session shows the dashboard, and not after sign-out", async () => {
    const u = await makeUser();
    const cookie = await logInCookie(u.email, u.password);
    const page = await fetch(`${baseUrl()}/`, { headers: { cookie }, redirect: "manual" });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Dashboard");

    const out = await fetch(`${baseUrl()}/api/auth/sign-out`, { method: "POST", headers: { cookie, origin: baseUrl(), "content-type": "application/json" }, body: "{}" });
    expect(out.status).toBe(200);
    const after = await fetch(`${baseUrl()}/`, { headers: { cookie }, redirect: "manual" });
    expect(after.status).toBe(307);
  });
});
