// The authorization matrix for server actions: every action in app/**/actions.ts
// (through the data-access call it makes) tried as another tenant's owner, as
// a member and as support. Each refusal is the not_found of a missing object,
// and the database is unchanged. Anonymous callers never reach these calls:
// runAction refuses them first (tests/api covers anonymous over HTTP).
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors/app-error";
import { ACTION_CASES, type Victim } from "@/tests/helpers/action-cases";
import { dbSnapshot } from "@/tests/helpers/db-snapshot";
import { makeActor, makeCustomer, rnd } from "@/tests/helpers/fixtures";
import { makeVictim } from "@/tests/helpers/make-victim";
import type { Actor } from "@/server/access/actor";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

// Every exported function of every "use server" module under app/.
function exportedActions(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return exportedActions(p);
    if (!/\.tsx?$/.test(e.name)) return [];
    const src = fs.readFileSync(p, "utf8");
    if (!/^(\/\/.*\n)*\s*["']use server["']/.test(src)) return [];
    return [...src.matchAll(/export async function (\w+)/g)].map((m) => m[1]!);
  });
}

let victim: Victim;
let missing: Victim;
const attackers: Record<string, Actor> = {};

beforeAll(async () => {
  ({ victim } = await makeVictim());
  const none = `missing-${rnd()}`;
  missing = { nodeId: none, ctId: none, tenantId: none, userId: none, planId: none, poolId: none, addressId: none, tokenId: none, freeRangeBase: victim.freeRangeBase };
  const other = await makeCustomer();
  attackers.otherOwner = other.owner.actor;
  const { tenantId } = victim;
  attackers.member = (await makeActor("member", tenantId)).actor;
  attackers.support = (await makeActor("support")).actor;
});

describe("authorization matrix over server actions", () => {
  it("lists every server action of the app", () => {
    const actions = exportedActions(path.join(ROOT, "app")).filter((a) => a !== "completeSetup");
    expect(Object.keys(ACTION_CASES).sort()).toEqual(actions.sort());
  });

  for (const [name, c] of Object.entries(ACTION_CASES)) {
    for (const who of ["otherOwner", ...(c.memberMay ? [] : ["member"]), ...(c.supportMay ? [] : ["support"])]) {
      it(`${name} - refused as ${who}, like a missing object, nothing changed`, async () => {
        const before = await dbSnapshot();
        const err = await c.call(attackers[who]!, victim).then(
          () => null,
          (e: unknown) => e,
        );
        const absent = await c.call(attackers[who]!, missing).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe("not_found");
        expect((err as AppError).message).toBe((absent as AppError).message);
        expect(await dbSnapshot()).toEqual(before);
      });
    }
  }
});
