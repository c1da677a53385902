// POST /api/v1/ip-pools/[id]/ranges - add a range of addresses to a pool
import { apiRoute } from "@/server/http/api-route";
import { addIpRange } from "@/server/ip-pools/add-ip-range";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/ip-pools/{id}/ranges", ({ actor, params, body }) => addIpRange(actor, params.id!, body));
