// GET /api/v1/cts/[id]/beancounters - a CT's beancounters with a sentence per row
import { apiRoute } from "@/server/http/api-route";
import { getCtBeancounters } from "@/server/metrics/get-ct-beancounters";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/cts/{id}/beancounters", ({ actor, params }) => getCtBeancounters(actor, params.id!));
