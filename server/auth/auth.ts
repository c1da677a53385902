// better-auth: password login, database sessions, httpOnly SameSite cookies
// (Secure when the public URL is https), login rate limits. Public sign-up is
// off: accounts are made by an admin or by the first-run setup.
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { getConfig } from "@/server/config";
import { db } from "@/server/db/client";
import { getAuthSecret } from "@/server/auth/auth-secret";

function createAuth() {
  const config = getConfig();
  return betterAuth({
    appName: "Corral",
    baseURL: config.publicUrl,
    secret: getAuthSecret(),
    database: prismaAdapter(db(), { provider: "postgresql" }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 256 },
    session: {
      expiresIn: 60 * 60 * 24 * 7, // absolute lifetime of a session
      updateAge: 60 * 60, // refreshed at most hourly while in use
    },
    user: { additionalFields: { role: { type: "string", input: false, defaultValue: "member" } } },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": { window: 60, max: 10 } },
    },
    advanced: {
      useSecureCookies: config.publicUrl.startsWith("https:"),
      defaultCookieAttributes: { sameSite: "lax", httpOnly: true },
    },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { corralAuth?: Auth };

export function getAuth(): Auth {
  globalForAuth.corralAuth ??= createAuth();
  return globalForAuth.corralAuth;
}
