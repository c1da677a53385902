// GET /api/v1/cts/[id]/events - a CT's timeline of limit hits and OOM kills
import { apiRoute } from "@/server/http/api-route";
import { listCtEvents } from "@/server/metrics/list-ct-events";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/cts/{id}/events", ({ actor, params }) => listCtEvents(actor, params.id!));
