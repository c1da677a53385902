// What a CT looks like outside server/: no Prisma row, sizes as numbers.
import type { Ct, IpAddress } from "@/server/generated/prisma/client";

export function ctView(ct: Ct & { ipAddresses?: Pick<IpAddress, "address" | "reverseDns">[]; node?: { name: string }; plan?: { name: string } | null; tenant?: { name: string } }) {
  return {
    id: ct.id,
    ctid: ct.ctid,
    tenantId: ct.tenantId,
    tenantName: ct.tenant?.name,
    nodeId: ct.nodeId,
    nodeName: ct.node?.name,
    planId: ct.planId,
    planName: ct.plan?.name,
    hostname: ct.hostname,
    ostemplate: ct.ostemplate,
    state: ct.state.toLowerCase(),
    ramBytes: Number(ct.ramBytes),
    swapBytes: Number(ct.swapBytes),
    diskBytes: Number(ct.diskBytes),
    cpus: ct.cpus,
    addresses: (ct.ipAddresses ?? []).map((a) => ({ address: a.address, reverseDns: a.reverseDns })),
    createdAt: ct.createdAt.toISOString(),
  };
}
export type CtView = ReturnType<typeof ctView>;
