// POST /api/v1/cts/[id]/migrate - move a CT to another node (queues a migrate task)
import { apiRoute } from "@/server/http/api-route";
import { requestCtMigration } from "@/server/tasks/request-ct-migration";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/cts/{id}/migrate", ({ actor, params, body }) => requestCtMigration(actor, params.id!, body));
