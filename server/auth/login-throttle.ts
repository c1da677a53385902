// Per-account login throttling, next to better-auth's per-IP limit. Failed
// attempts are counted per email whether or not the account exists, so the
// answer (429 after MAX_FAILURES) does not reveal which emails are real. A
// successful login clears the count. Counters live in better-auth's rate_limit
// table under their own "account|" prefix, so replicas share them.
import crypto from "node:crypto";
import { db } from "@/server/db/client";

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

const key = (email: string) => `account|${email.trim().toLowerCase()}`;

/** Counts one attempt; returns false when the account is over its limit. */
export async function countLoginAttempt(email: string): Promise<boolean> {
  const now = BigInt(Date.now());
  const windowStart = now - BigInt(LOGIN_WINDOW_MS);
  const rows = await db().$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit (id, key, count, last_request) VALUES (${crypto.randomUUID()}, ${key(email)}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit.last_request < ${windowStart} THEN 1 ELSE rate_limit.count + 1 END,
      last_request = CASE WHEN rate_limit.last_request < ${windowStart} THEN ${now} ELSE rate_limit.last_request END
    RETURNING count`;
  return (rows[0]?.count ?? 0) <= LOGIN_MAX_FAILURES;
}

export async function clearLoginAttempts(email: string): Promise<void> {
  await db().rateLimit.deleteMany({ where: { key: key(email) } });
}
