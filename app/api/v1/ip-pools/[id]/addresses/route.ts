// GET /api/v1/ip-pools/[id]/addresses - a pool's addresses and the CTs holding them
import { apiRoute } from "@/server/http/api-route";
import { listIpAddresses } from "@/server/ip-pools/list-ip-addresses";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/ip-pools/{id}/addresses", ({ actor, params }) => listIpAddresses(actor, params.id!));
