import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { pickNode } from "@/server/nodes/pick-node";

const GiB = 1024 ** 3;
const tag = `${process.pid}-${Date.now().toString(36)}`;
const ids: string[] = [];

beforeAll(async () => {
  // Only this file's nodes take part: any others are put in maintenance by name prefix below.
  await db().node.updateMany({ where: { name: { not: { startsWith: `pick-${tag}` } } }, data: { maintenance: true } });
  for (const [name, ram, oc] of [["a", 8, 1], ["b", 8, 2], ["c", 64, 1]] as const) {
    const n = await db().node.create({ data: { name: `pick-${tag}-${name}`, status: "ONLINE", ramBytes: BigInt(ram * GiB), diskBytes: BigInt(100 * GiB), overcommitRam: oc } });
    ids.push(n.id);
  }
});
afterAll(() => db().node.deleteMany({ where: { id: { in: ids } } }));

describe("pickNode", () => {
  it("picks the most free RAM under the overcommit ratio; maintenance and offline nodes take nothing", async () => {
    expect((await pickNode({ ramBytes: GiB, diskBytes: GiB })).name).toBe(`pick-${tag}-c`);
    await db().node.update({ where: { id: ids[2] }, data: { maintenance: true } });
    expect((await pickNode({ ramBytes: GiB, diskBytes: GiB })).name).toBe(`pick-${tag}-b`);
    await db().node.update({ where: { id: ids[1] }, data: { status: "OFFLINE" } });
    expect((await pickNode({ ramBytes: GiB, diskBytes: GiB })).name).toBe(`pick-${tag}-a`);
  });

  it("a node without room is a clear 409 naming what is free", async () => {
    await expect(pickNode({ ramBytes: 9 * GiB, diskBytes: GiB }, { nodeId: ids[0] })).rejects.toThrow(/has no room/);
    await expect(pickNode({ ramBytes: 1000 * GiB, diskBytes: GiB })).rejects.toThrow(/No node has room/);
    await expect(pickNode({ ramBytes: GiB, diskBytes: GiB }, { nodeId: ids[2] })).rejects.toThrow(/in maintenance/);
  });
});
