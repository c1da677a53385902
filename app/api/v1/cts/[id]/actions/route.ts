// POST /api/v1/cts/[id]/actions - start, stop, restart, force-stop, suspend or resume a CT (queues a task)
import { apiRoute } from "@/server/http/api-route";
import { requestCtAction } from "@/server/cts/request-ct-action";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/cts/{id}/actions", ({ actor, params, body }) =>
  requestCtAction(actor, params.id!, body.action, { idempotencyKey: body.idempotencyKey }),
);
