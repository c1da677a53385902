// GET /api/v1/tenants/[id] - read a tenant
// PATCH /api/v1/tenants/[id] - rename a tenant or change its quotas
// DELETE /api/v1/tenants/[id] - delete a tenant that has no CTs
import { apiRoute } from "@/server/http/api-route";
import { deleteTenant } from "@/server/tenants/delete-tenant";
import { getTenantOrThrow } from "@/server/tenants/get-tenant-or-throw";
import { updateTenant } from "@/server/tenants/update-tenant";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/tenants/{id}", ({ actor, params }) => getTenantOrThrow(actor, params.id!));
export const PATCH = apiRoute("PATCH /api/v1/tenants/{id}", ({ actor, params, body }) => updateTenant(actor, params.id!, body));
export const DELETE = apiRoute("DELETE /api/v1/tenants/{id}", ({ actor, params }) => deleteTenant(actor, params.id!));
