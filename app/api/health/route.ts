// GET /api/health - database, node helper and version; 503 when degraded
import { getHealth } from "@/server/health/get-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await getHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
