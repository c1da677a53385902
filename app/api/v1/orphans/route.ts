// GET /api/v1/orphans - CTs nodes run that the panel does not know
import { apiRoute } from "@/server/http/api-route";
import { listOrphanCts } from "@/server/reconcile/list-orphan-cts";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/orphans", ({ actor, query }) => listOrphanCts(actor, query));
