import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { completeFirstRun, hasAdmin, isSetupTokenValid, prepareFirstRun } from "@/server/auth/first-run";

const publicUrl = "http://localhost:3999";

beforeEach(async () => {
  await db().user.deleteMany({});
  await db().verification.deleteMany({});
});

describe("first run", () => {
  it("prints a one-time link that creates exactly one admin", async () => {
    const link = await prepareFirstRun({ publicUrl });
    expect(link).toMatch(/^http:\/\/localhost:3999\/setup\?token=[\w-]{20,}$/);
    const token = new URL(link!).searchParams.get("token")!;
    expect(await isSetupTokenValid(token)).toBe(true);
    // Only a hash is stored: the token itself is nowhere in the table.
    const rows = await db().verification.findMany();
    expect(JSON.stringify(rows)).not.toContain(token);

    const admin = await completeFirstRun({ token, email: "Root@Example.test", name: "Root", password: "long enough pw" });
    expect(admin.role).toBe("admin");
    expect(admin.email).toBe("root@example.test");
    expect(await hasAdmin()).toBe(true);

    await expect(completeFirstRun({ token, email: "second@example.test", name: "X", password: "long enough pw" })).rejects.toThrow(/no longer valid/);
    expect(await db().user.count()).toBe(1);
    expect(await prepareFirstRun({ publicUrl })).toBeNull();
  });

  it("refuses a wrong token and creates nothing", async () => {
    await prepareFirstRun({ publicUrl });
    await expect(completeFirstRun({ token: "guess", email: "a@example.test", name: "A", password: "long enough pw" })).rejects.toThrow();
    expect(await db().user.count()).toBe(0);
  });

  it("creates the admin from CORRAL_ADMIN_* without a link", async () => {
    expect(await prepareFirstRun({ publicUrl, adminEmail: "ops@example.test", adminPassword: "from the env 123" })).toBeNull();
    const u = await db().user.findUniqueOrThrow({ where: { email: "ops@example.test" }, include: { accounts: true } });
    expect(u.role).toBe("admin");
    expect(u.accounts[0]!.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/); // scrypt salt:hash, never the password
  });
});
