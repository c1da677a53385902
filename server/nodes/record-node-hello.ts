// An agent said hello: the node is online with these facts. Returns the boot
// id the node had before, so the caller can tell a reboot.
import type { HelloMessage } from "@/server/agent/agent-messages";
import { db } from "@/server/db/client";

export async function recordNodeHello(nodeId: string, h: HelloMessage): Promise<{ previousBootId: string | null }> {
  const before = await db().node.findUnique({ where: { id: nodeId }, select: { bootId: true } });
  await db().node.update({
    where: { id: nodeId },
    data: {
      status: "ONLINE",
      lastSeenAt: new Date(),
      agentVersion: h.agentVersion,
      kernel: h.kernel,
      cgroupMode: h.cgroupMode,
      cpus: h.cpus,
      ramBytes: BigInt(h.ramBytes),
      diskBytes: BigInt(h.diskBytes),
      bootId: h.bootId,
    },
  });
  return { previousBootId: before?.bootId ?? null };
}
