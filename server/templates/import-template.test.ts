// Template imports are refused before any byte moves: a bad name, an empty or
// oversized file, a non-admin caller, an unknown node. Each refusal is one
// failure row in the audit trail.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { importTemplate } from "@/server/templates/import-template";
import { TEMPLATE_UPLOAD_MAX_BYTES } from "@/server/templates/template-name";
import { makeActor, makeCustomer, makeNode } from "@/tests/helpers/fixtures";

let admin: Actor & { kind: "user" };
let nodeId: string;
let bodyRead = false;
const body = {
  async *[Symbol.asyncIterator]() {
    bodyRead = true;
    yield new Uint8Array(1);
  },
};

beforeAll(async () => {
  admin = (await makeActor("admin")).actor as Actor & { kind: "user" };
  nodeId = (await makeNode()).id;
});

describe("importTemplate refusals", () => {
  const cases: [string, () => Parameters<typeof importTemplate>[1], string, RegExp][] = [
    ["a bad name", () => ({ nodeId, name: "../etc", size: 1, replace: false, body }), "bad_request", /^The template name `\.\.\/etc` is not valid\./],
    ["an empty file", () => ({ nodeId, name: "ok-name", size: 0, replace: false, body }), "bad_request", /^The file is empty\./],
    ["an oversized file", () => ({ nodeId, name: "ok-name", size: TEMPLATE_UPLOAD_MAX_BYTES + 1, replace: false, body }), "payload_too_large", /the largest upload is 2 GiB/],
    ["an unknown node", () => ({ nodeId: "no-such-node", name: "ok-name", size: 1, replace: false, body }), "not_found", /^The node does not exist\./],
  ];
  for (const [what, input, code, message] of cases) {
    it(`refuses ${what} without reading the upload, and audits the failure`, async () => {
      bodyRead = false;
      const since = (await db().auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
      const err = await importTemplate(admin, input()).catch((e: unknown) => e);
      expect(err).toMatchObject({ code });
      expect((err as Error).message).toMatch(message);
      expect(bodyRead).toBe(false);
      const rows = await db().auditEvent.findMany({ where: { id: { gt: since }, actorId: admin.userId } });
      expect(rows.map((r) => [r.action, r.result])).toEqual([["template.import", "failure"]]);
    });
  }

  it("refuses customers and support like a missing node", async () => {
    const { owner } = await makeCustomer();
    const support = (await makeActor("support")).actor;
    for (const who of [owner.actor, support]) await expect(importTemplate(who, { nodeId, name: "ok-name", size: 1, replace: false, body })).rejects.toMatchObject({ code: "not_found", message: "The node does not exist." });
    expect(bodyRead).toBe(false);
  });
});
