// PATCH /api/v1/users/[id] - change, disable or re-enable a user
import { apiRoute } from "@/server/http/api-route";
import { updateUser } from "@/server/users/update-user";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute("PATCH /api/v1/users/{id}", ({ actor, params, body }) => updateUser(actor, params.id!, body));
