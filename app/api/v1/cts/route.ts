// GET /api/v1/cts - list CTs, paged, searched, filtered and sorted in the database
// POST /api/v1/cts - provision a CT for a tenant on a plan
import { provisionCt } from "@/server/cts/provision-ct";
import { searchCts } from "@/server/cts/search-cts";
import { apiRoute } from "@/server/http/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/cts", ({ actor, query }) => searchCts(actor, query));
export const POST = apiRoute("POST /api/v1/cts", ({ actor, body }) => provisionCt(actor, body));
