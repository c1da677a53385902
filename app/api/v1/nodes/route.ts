// GET /api/v1/nodes - nodes with state, agent facts, capacity and orphans
// POST /api/v1/nodes - add a node (its token and join command come back once)
import { getConfig } from "@/server/config";
import { apiRoute } from "@/server/http/api-route";
import { createNode } from "@/server/nodes/create-node";
import { listNodes } from "@/server/nodes/list-nodes";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/nodes", ({ actor }) => listNodes(actor));
export const POST = apiRoute("POST /api/v1/nodes", ({ actor, body }) => createNode(actor, body, getConfig().publicUrl));
