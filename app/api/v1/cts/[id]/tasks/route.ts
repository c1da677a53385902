// GET /api/v1/cts/[id]/tasks - a CT's recent tasks with status and progress (poll for live progress)
import { apiRoute } from "@/server/http/api-route";
import { listCtActivity } from "@/server/cts/list-ct-activity";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/cts/{id}/tasks", async ({ actor, params }) => (await listCtActivity(actor, params.id!)).tasks);
