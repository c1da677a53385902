// Wraps a /api/v1 handler: the caller's Actor (401 without one), the body and
// query validated by the route's schemas from api/v1-routes.ts (strict: unknown
// fields are refused; capped in size), and every error in the one envelope.
import type { z } from "zod";
import type { Actor } from "@/server/access/actor";
import { actorFromRequest } from "@/server/access/actor-from-request";
import { V1_ROUTES, type RouteKey } from "@/server/api/v1-routes";
import { AppError } from "@/server/errors/app-error";
import { toErrorBody } from "@/server/errors/to-error-body";
import { plain } from "@/server/http/plain";
import { readJsonBody } from "@/server/http/read-json-body";

type Spec<K extends RouteKey> = (typeof V1_ROUTES)[K];
type BodyOf<K extends RouteKey> = Spec<K> extends { body: z.ZodType } ? z.output<Spec<K>["body"]> : undefined;
type QueryOf<K extends RouteKey> = Spec<K> extends { query: z.ZodType } ? z.output<Spec<K>["query"]> : undefined;

export type ApiContext<K extends RouteKey> = { actor: Actor; body: BodyOf<K>; query: QueryOf<K>; params: Record<string, string>; req: Request };

export function apiRoute<K extends RouteKey>(key: K, fn: (ctx: ApiContext<K>) => Promise<unknown>) {
  const spec = V1_ROUTES[key] as { body?: z.ZodType; query?: z.ZodType; status?: number };
  return async (req: Request, ctx: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const actor = await actorFromRequest(req);
      if (!actor) throw new AppError("unauthorized", "Log in, or send an API token as `Authorization: Bearer ...`.");
      const body = spec.body ? spec.body.parse(await readJsonBody(req)) : undefined;
      const query = spec.query ? spec.query.parse(Object.fromEntries(new URL(req.url).searchParams)) : undefined;
      const result = await fn({ actor, body: body as BodyOf<K>, query: query as QueryOf<K>, params: await ctx.params, req });
      if (result instanceof Response) return result;
      return Response.json(plain(result), { status: spec.status ?? 200, headers: { "cache-control": "no-store" } });
    } catch (err) {
      const { status, body } = toErrorBody(err);
      return Response.json(body, { status, headers: { "cache-control": "no-store" } });
    }
  };
}
