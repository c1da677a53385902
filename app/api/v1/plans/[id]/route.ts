// PATCH /api/v1/plans/[id] - change or archive a plan
import { apiRoute } from "@/server/http/api-route";
import { updatePlan } from "@/server/plans/update-plan";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute("PATCH /api/v1/plans/{id}", ({ actor, params, body }) => updatePlan(actor, params.id!, body));
