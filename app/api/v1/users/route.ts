// GET /api/v1/users - list users (customers see their tenant's)
// POST /api/v1/users - create a user
import { apiRoute } from "@/server/http/api-route";
import { createPanelUser } from "@/server/users/create-panel-user";
import { listUsers } from "@/server/users/list-users";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/users", ({ actor }) => listUsers(actor));
export const POST = apiRoute("POST /api/v1/users", ({ actor, body }) => createPanelUser(actor, body));
