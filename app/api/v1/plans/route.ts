// GET /api/v1/plans - list plans
// POST /api/v1/plans - create a plan
import { apiRoute } from "@/server/http/api-route";
import { createPlan } from "@/server/plans/create-plan";
import { listPlans } from "@/server/plans/list-plans";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/plans", ({ actor }) => listPlans(actor));
export const POST = apiRoute("POST /api/v1/plans", ({ actor, body }) => createPlan(actor, body));
