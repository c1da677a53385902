import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { baseUrl } from "../helpers/api-client";

const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));

describe("GET /api/health", () => {
  it("reports the database, the node helper and the version", async () => {
    const res = await fetch(`${baseUrl()}/api/health`);
    const body = await res.json();
    expect(body.version).toBe(pkg.version);
    expect(body.database.ok).toBe(true);
    expect(typeof body.database.latencyMs).toBe("number");
    expect(body.node.corralctl).toMatch(/^\/.*corralctl/);
    expect(body.node.ok).toBe(true);
    expect(body.agents.total).toBeGreaterThanOrEqual(body.agents.online);
    expect(res.status).toBe(body.status === "ok" ? 200 : 503);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("unknown pages and errors", () => {
  it("GET an unknown page - 404 with a sentence, no stack", async () => {
    const res = await fetch(`${baseUrl()}/no/such/page`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("Page not found");
    expect(html).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});
