// GET /api/v1/tenants - list tenants (customers see their own)
// POST /api/v1/tenants - create a tenant
import { apiRoute } from "@/server/http/api-route";
import { createTenant } from "@/server/tenants/create-tenant";
import { listTenants } from "@/server/tenants/list-tenants";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/tenants", ({ actor }) => listTenants(actor));
export const POST = apiRoute("POST /api/v1/tenants", ({ actor, body }) => createTenant(actor, body));
