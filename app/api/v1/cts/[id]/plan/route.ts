// POST /api/v1/cts/[id]/plan - move a CT to another plan
import { changeCtPlan } from "@/server/cts/change-ct-plan";
import { apiRoute } from "@/server/http/api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/cts/{id}/plan", ({ actor, params, body }) => changeCtPlan(actor, params.id!, body));
