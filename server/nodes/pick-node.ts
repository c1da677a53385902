// Placement: the online node with the most free capacity under its overcommit
// ratios (RAM × overcommitRam, disk × overcommitDisk), unless an admin names
// one. Nodes in maintenance take nothing. No room anywhere is a clear 409.
import type { Prisma } from "@/server/generated/prisma/client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";

export type Need = { ramBytes: bigint | number; diskBytes: bigint | number };

type Candidate = { id: string; name: string; freeRam: number; freeDisk: number; score: number; reason?: string };

const GiB = 1024 ** 3;
const fmt = (b: number) => `${(b / GiB).toFixed(1)} GiB`;

export async function nodeCapacity(tx: Prisma.TransactionClient = db(), excludeCtId?: string): Promise<Candidate[]> {
  const nodes = await tx.node.findMany({ orderBy: { name: "asc" } });
  const used = await tx.ct.groupBy({ by: ["nodeId"], _sum: { ramBytes: true, diskBytes: true }, where: excludeCtId ? { id: { not: excludeCtId } } : {} });
  const byNode = new Map(used.map((u) => [u.nodeId, u._sum]));
  return nodes.map((n) => {
    const u = byNode.get(n.id);
    const capRam = Number(n.ramBytes ?? 0) * n.overcommitRam;
    const capDisk = Number(n.diskBytes ?? 0) * n.overcommitDisk;
    const freeRam = capRam - Number(u?.ramBytes ?? 0);
    const freeDisk = capDisk - Number(u?.diskBytes ?? 0);
    const reason = n.maintenance ? "in maintenance" : n.status !== "ONLINE" ? `${n.status.toLowerCase()}` : !capRam || !capDisk ? "capacity unknown (agent never reported)" : undefined;
    // Most free RAM under overcommit wins (RAM is what runs out first); disk breaks ties.
    return { id: n.id, name: n.name, freeRam, freeDisk, score: capRam && capDisk ? freeRam : -1, reason };
  });
}

/** The node a new CT (or a migrating one) goes to. With nodeId, checks that node instead of choosing. */
export async function pickNode(need: Need, opts: { nodeId?: string; excludeCtId?: string } = {}, tx: Prisma.TransactionClient = db()): Promise<{ id: string; name: string }> {
  const ram = Number(need.ramBytes);
  const disk = Number(need.diskBytes);
  const all = await nodeCapacity(tx, opts.excludeCtId);
  const fits = (c: Candidate) => !c.reason && c.freeRam >= ram && c.freeDisk >= disk;
  if (opts.nodeId) {
    const c = all.find((n) => n.id === opts.nodeId);
    if (!c) throw new AppError("not_found", "The node does not exist.");
    if (c.reason) throw new AppError("conflict", `Node ${c.name} takes no new CTs: it is ${c.reason}.`);
    if (!fits(c))
      throw new AppError("conflict", `Node ${c.name} has no room for this CT.`, {
        detail: `needs ${fmt(ram)} RAM and ${fmt(disk)} disk; free under overcommit: ${fmt(Math.max(0, c.freeRam))} RAM, ${fmt(Math.max(0, c.freeDisk))} disk`,
      });
    return { id: c.id, name: c.name };
  }
  const best = all.filter(fits).sort((a, b) => b.score - a.score || b.freeDisk - a.freeDisk || a.name.localeCompare(b.name))[0];
  if (!best)
    throw new AppError("conflict", "No node has room for this CT. Free capacity or add a node.", {
      detail: all.map((c) => `${c.name}: ${c.reason ?? `free ${fmt(Math.max(0, c.freeRam))} RAM, ${fmt(Math.max(0, c.freeDisk))} disk`}`).join("; ") || "no nodes",
    });
  return { id: best.id, name: best.name };
}
