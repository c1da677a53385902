// DELETE /api/v1/api-tokens/[id] - revoke an API token
import { revokeApiToken } from "@/server/api-tokens/revoke-api-token";
import { apiRoute } from "@/server/http/api-route";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute("DELETE /api/v1/api-tokens/{id}", ({ actor, params }) => revokeApiToken(actor, params.id!));
