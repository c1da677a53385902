// POST /api/v1/nodes/[id]/token - rotate the node's agent token (the new one comes back once)
// DELETE /api/v1/nodes/[id]/token - revoke it; the agent is disconnected at once
import { getConfig } from "@/server/config";
import { apiRoute } from "@/server/http/api-route";
import { revokeNodeToken } from "@/server/nodes/revoke-node-token";
import { rotateNodeToken } from "@/server/nodes/rotate-node-token";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/nodes/{id}/token", ({ actor, params }) => rotateNodeToken(actor, params.id!, getConfig().publicUrl));
export const DELETE = apiRoute("DELETE /api/v1/nodes/{id}/token", async ({ actor, params }) => {
  await revokeNodeToken(actor, params.id!);
  return { revoked: true };
});
