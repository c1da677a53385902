// Refuses a plan no node could ever host. Nodes that have not reported their
// size yet (never connected) cannot be judged, so with none known the check passes.
import { AppError } from "@/server/errors/app-error";
import type { Prisma } from "@/server/generated/prisma/client";

export async function assertPlanFitsANode(tx: Prisma.TransactionClient, plan: { ramBytes: bigint; diskBytes: bigint; cpus: number }) {
  const nodes = await tx.node.findMany({ where: { ramBytes: { not: null } }, select: { ramBytes: true, diskBytes: true, cpus: true } });
  if (nodes.length === 0) return;
  const fields: { path: string; message: string }[] = [];
  const maxRam = nodes.reduce((m, n) => (n.ramBytes! > m ? n.ramBytes! : m), 0n);
  const maxDisk = nodes.reduce((m, n) => (n.diskBytes !== null && n.diskBytes > m ? n.diskBytes : m), 0n);
  const maxCpus = nodes.reduce((m, n) => Math.max(m, n.cpus ?? 0), 0);
  if (plan.ramBytes > maxRam) fields.push({ path: "ramBytes", message: `larger than the largest node (${maxRam} bytes)` });
  if (maxDisk > 0n && plan.diskBytes > maxDisk) fields.push({ path: "diskBytes", message: `larger than the largest node (${maxDisk} bytes)` });
  if (maxCpus > 0 && plan.cpus > maxCpus) fields.push({ path: "cpus", message: `more than the largest node (${maxCpus})` });
  const fitsOne = nodes.some((n) => plan.ramBytes <= n.ramBytes! && (n.diskBytes === null || plan.diskBytes <= n.diskBytes) && (!n.cpus || plan.cpus <= n.cpus));
  if (fields.length || !fitsOne) {
    throw new AppError("bad_request", `No node is big enough for this plan (${fields.map((f) => f.path).join(", ") || "ramBytes, diskBytes, cpus together"}).`, {
      fields: fields.length ? fields : [{ path: "ramBytes", message: "no single node has this RAM, disk and CPUs together" }],
    });
  }
}
