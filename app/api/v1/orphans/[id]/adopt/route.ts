// POST /api/v1/orphans/[id]/adopt - adopt an orphan CT into a tenant; returns the new CT
import { ctView } from "@/server/cts/ct-view";
import { apiRoute } from "@/server/http/api-route";
import { adoptOrphanCt } from "@/server/reconcile/adopt-orphan-ct";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/orphans/{id}/adopt", async ({ actor, params, body }) => ctView(await adoptOrphanCt(actor, params.id!, body)));
