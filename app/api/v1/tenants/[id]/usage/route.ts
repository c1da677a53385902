// GET /api/v1/tenants/[id]/usage - a tenant's quota usage (used versus allowed)
import { apiRoute } from "@/server/http/api-route";
import { getTenantUsage } from "@/server/tenants/get-tenant-usage";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/tenants/{id}/usage", ({ actor, params }) => getTenantUsage(actor, params.id!));
