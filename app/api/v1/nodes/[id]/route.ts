// GET /api/v1/nodes/[id] - one node
// PATCH /api/v1/nodes/[id] - maintenance on or off
import { apiRoute } from "@/server/http/api-route";
import { getNode } from "@/server/nodes/get-node";
import { setNodeMaintenance } from "@/server/nodes/set-node-maintenance";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/nodes/{id}", ({ actor, params }) => getNode(actor, params.id!));
export const PATCH = apiRoute("PATCH /api/v1/nodes/{id}", async ({ actor, params, body }) => {
  await setNodeMaintenance(actor, params.id!, body.maintenance);
  return getNode(actor, params.id!);
});
