// Revokes a node's agent token: the hash is cleared, so no handshake can match
// it again, and any agent connected with it (on any panel replica, through the
// socket.io adapter) is disconnected at once. Its CTs keep running.
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { audited } from "@/server/audit/audited";
import { notFound } from "@/server/access/not-found";
import { nodeRoom } from "@/server/realtime/agent-rooms";
import { socketIo } from "@/server/realtime/socket-io-instance";

export async function revokeNodeToken(actor: Actor, nodeId: string) {
  await audited(actor, { action: "node.revoke_token", changes: { nodeId } }, async (tx) => {
    assertRole(actor, ["admin"], "node");
    const n = await tx.node.updateMany({ where: { id: nodeId }, data: { tokenHash: null, status: "OFFLINE" } });
    if (n.count === 0) throw notFound("node");
  });
  socketIo()?.of("/agents").in(nodeRoom(nodeId)).disconnectSockets(true);
}
