// A new agent token for an existing node (after a revoke, or a lost token):
// shown once with the command; the old token stops working at once.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { audited } from "@/server/audit/audited";
import { notFound } from "@/server/access/not-found";
import { agentCommand } from "@/server/nodes/agent-command";
import { hashNodeToken, newNodeToken } from "@/server/nodes/node-token";
import { nodeRoom } from "@/server/realtime/agent-rooms";
import { socketIo } from "@/server/realtime/socket-io-instance";

export async function rotateNodeToken(actor: Actor, nodeId: string, panelUrl: string) {
  const token = newNodeToken();
  await audited(actor, { action: "node.rotate_token", changes: { nodeId } }, async (tx) => {
    assertRole(actor, ["admin"], "node");
    const n = await tx.node.updateMany({ where: { id: nodeId }, data: { tokenHash: hashNodeToken(token) } });
    if (n.count === 0) throw notFound("node");
  });
  socketIo()?.of("/agents").in(nodeRoom(nodeId)).disconnectSockets(true);
  return { token, command: agentCommand(panelUrl, token) };
}
