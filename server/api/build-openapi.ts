// The OpenAPI 3.1 document, generated from the same zod schemas that validate
// the requests (api/v1-routes.ts), with zod 4's own JSON Schema output.
import { z } from "zod";
import { V1_ROUTES, type RouteSpec } from "@/server/api/v1-routes";
import { CORRAL_VERSION } from "@/server/version";

const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(["bad_request", "unauthorized", "forbidden", "not_found", "conflict", "payload_too_large", "rate_limited", "unavailable", "internal"]),
      message: z.string(),
      detail: z.string().optional(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: "ErrorBody" });

const ACCESS_TEXT: Record<RouteSpec["access"], string> = {
  provider: "Provider tokens and admins only.",
  owner: "Admins, and owners for their own tenant.",
  "staff-reader": "Provider staff only.",
  reader: "Any caller; customers see their own tenant only.",
  public: "No credentials needed.",
};

export function buildOpenApi(serverUrl = "/") {
  const components: Record<string, unknown> = {};
  // zod emits a schema with an id as { $ref, $defs }; the defs move to components.
  const schemaOf = (s: z.ZodType, io: "input" | "output" = "input"): Record<string, unknown> => {
    const raw = z.toJSONSchema(s, { target: "draft-2020-12", io, unrepresentable: "any" });
    const json = JSON.parse(JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<string, unknown>;
    delete json.$schema;
    Object.assign(components, json.$defs ?? {});
    delete json.$defs;
    return json;
  };
  const resolve = (schema: Record<string, unknown>) => (typeof schema.$ref === "string" ? (components[schema.$ref.split("/").pop()!] as Record<string, unknown>) : schema);
  const errorRef = schemaOf(ErrorBody, "output");
  const err = (description: string) => ({ description, content: { "application/json": { schema: errorRef } } });

  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, raw] of Object.entries(V1_ROUTES)) {
    const spec = raw as RouteSpec;
    const [method, path] = key.split(" ") as [string, string];
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const query = spec.query ? Object.entries((resolve(schemaOf(spec.query)) as { properties?: Record<string, unknown> }).properties ?? {}).map(([name, schema]) => ({ name, in: "query", required: false, schema })) : [];
    const op: Record<string, unknown> = {
      operationId: `${method.toLowerCase()}${path.replace(/^\/api\/v1/, "").replace(/\{(\w+)\}/g, "By_$1").replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      summary: spec.summary,
      description: ACCESS_TEXT[spec.access],
      tags: [spec.tag],
      ...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
      ...(spec.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(spec.body) } } } } : {}),
      responses: {
        [String(spec.status ?? 200)]: { description: "Success", content: { "application/json": { schema: spec.response ? schemaOf(spec.response, "output") : {} } } },
        ...(spec.body ? { "400": err("The body is not valid; `fields` names each problem"), "413": err("The body is larger than 64 KiB") } : {}),
        ...(spec.access === "public" ? {} : { "401": err("No or an invalid session or token"), "404": err("Not found, or not yours (the same answer)") }),
        ...(spec.body || spec.destructive ? { "409": err("A conflict: quota exceeded, duplicate, in use") } : {}),
      },
      ...(spec.access === "public" ? { security: [] } : {}),
    };
    (paths[path] ??= {})[method.toLowerCase()] = op;
  }
  return {
    openapi: "3.1.0",
    info: { title: "Corral API", version: CORRAL_VERSION, description: "REST API for billing systems and scripts. Errors always come in the one `ErrorBody` envelope." },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: { schemas: components, securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token from the panel (shown once when created)" } } },
  };
}
