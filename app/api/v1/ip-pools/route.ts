// GET /api/v1/ip-pools - list IP pools
// POST /api/v1/ip-pools - create an IP pool
import { apiRoute } from "@/server/http/api-route";
import { createIpPool } from "@/server/ip-pools/create-ip-pool";
import { listIpPools } from "@/server/ip-pools/list-ip-pools";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/ip-pools", ({ actor }) => listIpPools(actor));
export const POST = apiRoute("POST /api/v1/ip-pools", ({ actor, body }) => createIpPool(actor, body));
