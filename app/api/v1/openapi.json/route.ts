// GET /api/v1/openapi.json - the OpenAPI document of /api/v1 (no credentials needed)
import { buildOpenApi } from "@/server/api/build-openapi";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(buildOpenApi());
}
