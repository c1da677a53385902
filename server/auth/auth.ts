// better-auth: password login, database sessions, httpOnly SameSite cookies
// (Secure when the public URL is https), login rate limits. Public sign-up is
// off: accounts are made by an admin or by the first-run setup.
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { twoFactor } from "better-auth/plugins";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { getConfig } from "@/server/config";
import { db } from "@/server/db/client";
import { getAuthSecret } from "@/server/auth/auth-secret";
import { clearLoginAttempts, countLoginAttempt } from "@/server/auth/login-throttle";
import { SESSION_IDLE_S, SESSION_UPDATE_AGE_S } from "@/server/auth/session-limits";
import { CLIENT_IP_HEADER } from "@/server/access/client-ip";
import { closeSessionSockets } from "@/server/realtime/socket-registry";
import { recordLoginAudit } from "@/server/audit/record-login-audit";

// The same words better-auth uses for a wrong password, so a disabled account
// cannot be told apart from a bad guess.
const INVALID_LOGIN = { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" };

function createAuth() {
  const config = getConfig();
  return betterAuth({
    appName: "Corral",
    baseURL: config.publicUrl,
    secret: getAuthSecret(),
    database: prismaAdapter(db(), { provider: "postgresql" }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 256 },
    session: {
      expiresIn: SESSION_IDLE_S, // idle timeout: slid forward while the session is used
      updateAge: SESSION_UPDATE_AGE_S,
    },
    user: {
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "member" },
        tenantId: { type: "string", input: false, required: false },
        disabled: { type: "boolean", input: false, defaultValue: false },
      },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": { window: 60, max: config.CORRAL_LOGIN_IP_LIMIT } },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const email = (ctx.body as { email?: unknown } | undefined)?.email;
        if (typeof email === "string" && !(await countLoginAttempt(email))) {
          await recordLoginAudit({ action: "auth.login", result: "failure", email, headers: ctx.headers, detail: "throttled" });
          throw new APIError("TOO_MANY_REQUESTS", { code: "TOO_MANY_REQUESTS", message: "Too many requests. Please try again later." });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const newSession = ctx.context.newSession;
        const email = (ctx.body as { email?: unknown } | undefined)?.email;
        if (newSession) {
          await clearLoginAttempts(newSession.user.email);
          await recordLoginAudit({ action: "auth.login", result: "success", userId: newSession.user.id, headers: ctx.headers });
        } else if (ctx.context.returned instanceof Error && typeof email === "string") {
          await recordLoginAudit({ action: "auth.login", result: "failure", email, headers: ctx.headers, detail: "wrong email or password" });
        }
      }),
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const u = await db().user.findUnique({ where: { id: session.userId }, select: { disabled: true } });
            if (!u || u.disabled) throw APIError.from("UNAUTHORIZED", INVALID_LOGIN);
          },
        },
        // Sign-out and session revocation close the sockets opened with that session.
        delete: {
          after: async (session) => {
            closeSessionSockets(session.id);
            await recordLoginAudit({ action: "auth.logout", result: "success", userId: session.userId }).catch(() => {});
          },
        },
      },
    },
    advanced: {
      // Set by server/http/stamp-client-ip.ts from the TCP peer; never a client-sent header.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: config.publicUrl.startsWith("https:"),
      defaultCookieAttributes: { sameSite: "lax", httpOnly: true },
    },
    // TOTP for staff; nextCookies last, as better-auth requires.
    plugins: [twoFactor({ issuer: "Corral" }), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { corralAuth?: Auth };

export function getAuth(): Auth {
  globalForAuth.corralAuth ??= createAuth();
  return globalForAuth.corralAuth;
}
