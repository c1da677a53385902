// Helpers for tests against the running server (CORRAL_TEST_URL).
import { createUser, type NewUser } from "@/server/auth/create-user";

export const baseUrl = (): string => {
  const url = process.env.CORRAL_TEST_URL;
  if (!url) throw new Error("CORRAL_TEST_URL is not set: run through `npm test`");
  return url;
};

export async function makeUser(role: NewUser["role"] = "member") {
  const email = `${role}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const password = "a long test password";
  const user = await createUser({ email, name: `Test ${role}`, password, role });
  return { ...user, password };
}

/** Logs in over HTTP like a browser would and returns the session cookie header. */
export async function logInCookie(email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl() },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
