// Creates a password account the way better-auth stores one (user row plus a
// "credential" account holding the scrypt hash), since public sign-up is off.
import crypto from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { db } from "@/server/db/client";
import type { Prisma } from "@/server/generated/prisma/client";

export type NewUser = { email: string; name: string; password: string; role: "admin" | "support" | "owner" | "member" };

export async function createUser(input: NewUser, tx: Prisma.TransactionClient = db()) {
  const id = crypto.randomUUID();
  const user = await tx.user.create({
    data: { id, email: input.email.toLowerCase(), name: input.name, role: input.role, emailVerified: true },
  });
  await tx.account.create({
    data: { id: crypto.randomUUID(), accountId: id, providerId: "credential", userId: id, password: await hashPassword(input.password) },
  });
  return user;
}
