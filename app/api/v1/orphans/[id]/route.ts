// DELETE /api/v1/orphans/[id] - stop and destroy an orphan CT on its node
import { apiRoute } from "@/server/http/api-route";
import { removeOrphanCt } from "@/server/reconcile/remove-orphan-ct";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute("DELETE /api/v1/orphans/{id}", async ({ actor, params }) => {
  await removeOrphanCt(actor, params.id!);
  return { removed: true };
});
