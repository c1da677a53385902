// POST /api/v1/tenants/[id]/unsuspend - lift a tenant's suspension
import { apiRoute } from "@/server/http/api-route";
import { setTenantStatus } from "@/server/tenants/set-tenant-status";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/tenants/{id}/unsuspend", ({ actor, params }) => setTenantStatus(actor, params.id!, "ACTIVE"));
