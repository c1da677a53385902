// GET /api/v1/cts/[id] - read a CT
// DELETE /api/v1/cts/[id] - terminate a CT
import { ctView } from "@/server/cts/ct-view";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { terminateCt } from "@/server/cts/terminate-ct";
import { apiRoute } from "@/server/http/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/cts/{id}", async ({ actor, params }) => ctView(await getCtOrThrow(actor, params.id!)));
export const DELETE = apiRoute("DELETE /api/v1/cts/{id}", ({ actor, params }) => terminateCt(actor, params.id!));
