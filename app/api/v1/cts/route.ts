// GET /api/v1/cts - list CTs
// POST /api/v1/cts - provision a CT for a tenant on a plan
import { listCts } from "@/server/cts/list-cts";
import { provisionCt } from "@/server/cts/provision-ct";
import { apiRoute } from "@/server/http/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/cts", ({ actor, query }) => listCts(actor, query));
export const POST = apiRoute("POST /api/v1/cts", ({ actor, body }) => provisionCt(actor, body));
