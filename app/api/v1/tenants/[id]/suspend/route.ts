// POST /api/v1/tenants/[id]/suspend - suspend a tenant (non-payment)
import { apiRoute } from "@/server/http/api-route";
import { setTenantStatus } from "@/server/tenants/set-tenant-status";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/tenants/{id}/suspend", ({ actor, params }) => setTenantStatus(actor, params.id!, "SUSPENDED"));
