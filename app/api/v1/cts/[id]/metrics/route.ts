// GET /api/v1/cts/[id]/metrics?range=1h[&step=1m] - a CT's usage history
import { apiRoute } from "@/server/http/api-route";
import { getCtMetricsHistory } from "@/server/metrics/get-ct-metrics-history";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/cts/{id}/metrics", ({ actor, params, query }) => getCtMetricsHistory(actor, params.id!, query));
