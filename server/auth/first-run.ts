// The door for the first admin. With no admin yet, the start either creates one
// from CORRAL_ADMIN_EMAIL/CORRAL_ADMIN_PASSWORD or prints a one-time setup link.
// Only the link's hash is stored, so a database dump cannot be used to claim it.
import crypto from "node:crypto";
import { db } from "@/server/db/client";
import { createUser } from "@/server/auth/create-user";
import { AppError } from "@/server/errors/app-error";

const SETUP_ID = "first-run-setup";
const SETUP_TTL_MS = 24 * 60 * 60 * 1000;

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

export async function hasAdmin(): Promise<boolean> {
  return (await db().user.count({ where: { role: "admin" } })) > 0;
}

/** Returns the setup URL to print, or null when an admin exists (or was just created from the environment). */
export async function prepareFirstRun(opts: { publicUrl: string; adminEmail?: string; adminPassword?: string }): Promise<string | null> {
  if (await hasAdmin()) {
    await db().verification.deleteMany({ where: { identifier: SETUP_ID } });
    return null;
  }
  if (opts.adminEmail && opts.adminPassword) {
    await createUser({ email: opts.adminEmail, name: "Administrator", password: opts.adminPassword, role: "admin" });
    return null;
  }
  const token = crypto.randomBytes(24).toString("base64url");
  await db().$transaction([
    db().verification.deleteMany({ where: { identifier: SETUP_ID } }),
    db().verification.create({
      data: { id: crypto.randomUUID(), identifier: SETUP_ID, value: sha256(token), expiresAt: new Date(Date.now() + SETUP_TTL_MS) },
    }),
  ]);
  return `${opts.publicUrl}/setup?token=${token}`;
}

export async function isSetupTokenValid(token: string): Promise<boolean> {
  const row = await db().verification.findFirst({ where: { identifier: SETUP_ID, value: sha256(token), expiresAt: { gt: new Date() } } });
  return row !== null;
}

/** Consumes the token and creates the first admin in one transaction, so two tabs cannot both claim it. */
export async function completeFirstRun(input: { token: string; email: string; name: string; password: string }) {
  return db().$transaction(async (tx) => {
    const consumed = await tx.verification.deleteMany({
      where: { identifier: SETUP_ID, value: sha256(input.token), expiresAt: { gt: new Date() } },
    });
    if (consumed.count !== 1 || (await tx.user.count({ where: { role: "admin" } })) > 0)
      throw new AppError("forbidden", "This setup link is no longer valid. Restart the panel to print a new one.");
    return createUser({ email: input.email, name: input.name, password: input.password, role: "admin" }, tx);
  });
}
