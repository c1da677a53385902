// A node as staff see it in lists, its page and the API: state, agent facts
// and capacity under overcommit. Plain values only: never the token hash.
import type { Node } from "@/server/generated/prisma/client";

export function nodeView(n: Node, used: { ramBytes: bigint | number | null; diskBytes: bigint | number | null }) {
  return {
    id: n.id,
    name: n.name,
    status: n.status.toLowerCase() as "pending" | "online" | "offline",
    // Refreshed by every state report (at least every 30 s) while online; while
    // offline it is when the panel last heard from it: "offline since".
    lastSeenAt: n.lastSeenAt?.toISOString() ?? null,
    revoked: n.tokenHash === null,
    maintenance: n.maintenance,
    agentVersion: n.agentVersion,
    kernel: n.kernel,
    cgroupMode: n.cgroupMode,
    cpus: n.cpus,
    ramBytes: Number(n.ramBytes ?? 0),
    diskBytes: Number(n.diskBytes ?? 0),
    overcommitRam: n.overcommitRam,
    overcommitDisk: n.overcommitDisk,
    usedRamBytes: Number(used.ramBytes ?? 0),
    usedDiskBytes: Number(used.diskBytes ?? 0),
  };
}
