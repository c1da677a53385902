// GET /api/v1/notifications - the tenant's notifications (limit hits, ...)
import { apiRoute } from "@/server/http/api-route";
import { listNotifications } from "@/server/metrics/list-notifications";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/notifications", ({ actor, query }) => listNotifications(actor, query));
