// GET /api/v1/api-tokens - list API tokens
// POST /api/v1/api-tokens - create an API token (the secret is in this response only)
import { createApiToken } from "@/server/api-tokens/create-api-token";
import { listApiTokens } from "@/server/api-tokens/list-api-tokens";
import { apiRoute } from "@/server/http/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/api-tokens", ({ actor }) => listApiTokens(actor));
export const POST = apiRoute("POST /api/v1/api-tokens", ({ actor, body }) => createApiToken(actor, body));
