// The OpenAPI document: valid OpenAPI 3.1 shape, and exactly the routes that
// exist as route files under app/api/v1 with the methods they export.
import fs from "node:fs";
import path from "node:path";
import { compileErrors, validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { V1_ROUTES } from "@/server/api/v1-routes";
import { request } from "../helpers/http";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : []));
}

function implementedRoutes(): string[] {
  const base = path.join(ROOT, "app");
  return routeFiles(path.join(base, "api", "v1")).flatMap((file) => {
    const url = "/" + path.relative(base, path.dirname(file)).split(path.sep).join("/").replace(/\[(\w+)\]/g, "{$1}");
    const src = fs.readFileSync(file, "utf8");
    return [...src.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => `${m[1]} ${url}`);
  });
}

const Operation = z.object({ operationId: z.string(), summary: z.string(), responses: z.record(z.string().regex(/^\d{3}$/), z.object({ description: z.string() })) });
const Document = z.object({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.object({ title: z.string(), version: z.string() }),
  paths: z.record(z.string().startsWith("/"), z.partialRecord(z.enum(["get", "post", "put", "patch", "delete"]), Operation)),
  components: z.object({ schemas: z.record(z.string(), z.object({}).loose()), securitySchemes: z.record(z.string(), z.object({ type: z.string() }).loose()) }),
});

describe("GET /api/v1/openapi.json", () => {
  it("is served without credentials and is a well-formed OpenAPI 3.1 document", async () => {
    const res = await request("GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = Document.parse(res.json());
    // Full validation against the OpenAPI 3.1 meta-schema and $ref resolution.
    const result = await validate(structuredClone(res.json()) as Parameters<typeof validate>[0]);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
    // Every $ref points at a schema the document defines.
    for (const m of res.text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) expect(doc.components.schemas).toHaveProperty(m[1]!);
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o!.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("matches the route files exactly, and the registry", async () => {
    const doc = Document.parse((await request("GET", "/api/v1/openapi.json")).json());
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(implementedRoutes().sort());
    expect(documented.sort()).toEqual(Object.keys(V1_ROUTES).sort());
  });

  it("describes request bodies with the validating schemas, unknown fields refused", async () => {
    const doc = (await request("GET", "/api/v1/openapi.json")).json() as { components: { schemas: Record<string, { additionalProperties?: boolean; required?: string[] }> } };
    expect(doc.components.schemas.ProvisionCtInput?.additionalProperties).toBe(false);
    expect(doc.components.schemas.ProvisionCtInput?.required).toEqual(expect.arrayContaining(["planId", "hostname"]));
    expect(doc.components.schemas.CreateTenantInput?.additionalProperties).toBe(false);
  });
  it("documents the paged lists: their query parameters and page shapes", async () => {
    type Op = { parameters?: { name: string; in: string }[]; responses: Record<string, { content?: { "application/json": { schema: { $ref?: string } } } }> };
    const doc = (await request("GET", "/api/v1/openapi.json")).json() as { paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, { required?: string[] }> } };
    const cts = doc.paths["/api/v1/cts"]!.get!;
    expect(cts.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(["q", "state", "nodeId", "tenantId", "sort", "dir", "page", "pageSize"]));
    expect(cts.responses["200"]!.content!["application/json"].schema.$ref).toBe("#/components/schemas/CtPage");
    expect(doc.components.schemas.CtPage?.required).toEqual(expect.arrayContaining(["total", "page", "pageSize", "cts"]));
    const tasks = doc.paths["/api/v1/tasks"]!.get!;
    expect(tasks.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(["status", "kind", "ctId", "nodeId", "limit", "cursor"]));
    expect(tasks.responses["200"]!.content!["application/json"].schema.$ref).toBe("#/components/schemas/TaskPage");
  });
});
