// How to call each /api/v1 route against a victim tenant's objects, for the
// authorization matrix. Every key of V1_ROUTES must be here (the matrix test
// checks), so a new route cannot ship untested.
import type { RouteKey } from "@/server/api/v1-routes";

export type Victim = { tenantId: string; ctId: string; userId: string; tokenId: string; poolId: string; addressId: string; planId: string; nodeId: string; taskId: string; orphanId: string };

export type RouteCase = { path: (v: Victim) => string; body?: (v: Victim) => unknown };

export const ROUTE_CASES: Record<Exclude<RouteKey, "GET /api/v1/openapi.json">, RouteCase> = {
  "GET /api/v1/cts": { path: (v) => `/api/v1/cts?tenantId=${v.tenantId}` },
  "POST /api/v1/cts": { path: () => "/api/v1/cts", body: (v) => ({ tenantId: v.tenantId, planId: v.planId, hostname: "intruder" }) },
  "GET /api/v1/cts/{id}": { path: (v) => `/api/v1/cts/${v.ctId}` },
  "DELETE /api/v1/cts/{id}": { path: (v) => `/api/v1/cts/${v.ctId}` },
  "POST /api/v1/cts/{id}/plan": { path: (v) => `/api/v1/cts/${v.ctId}/plan`, body: (v) => ({ planId: v.planId }) },
  "POST /api/v1/cts/{id}/actions": { path: (v) => `/api/v1/cts/${v.ctId}/actions`, body: () => ({ action: "start" }) },
  "POST /api/v1/cts/{id}/migrate": { path: (v) => `/api/v1/cts/${v.ctId}/migrate`, body: (v) => ({ targetNodeId: v.nodeId }) },
  "GET /api/v1/cts/{id}/tasks": { path: (v) => `/api/v1/cts/${v.ctId}/tasks` },
  "GET /api/v1/cts/{id}/metrics": { path: (v) => `/api/v1/cts/${v.ctId}/metrics?range=1h` },
  "GET /api/v1/cts/{id}/beancounters": { path: (v) => `/api/v1/cts/${v.ctId}/beancounters` },
  "GET /api/v1/cts/{id}/events": { path: (v) => `/api/v1/cts/${v.ctId}/events` },
  "GET /api/v1/notifications": { path: (v) => `/api/v1/notifications?tenantId=${v.tenantId}` },
  "GET /api/v1/tasks": { path: (v) => `/api/v1/tasks?ctId=${v.ctId}` },
  "GET /api/v1/tasks/{id}": { path: (v) => `/api/v1/tasks/${v.taskId}` },
  "POST /api/v1/tasks/{id}/cancel": { path: (v) => `/api/v1/tasks/${v.taskId}/cancel` },
  "GET /api/v1/nodes": { path: () => "/api/v1/nodes" },
  "POST /api/v1/nodes": { path: () => "/api/v1/nodes", body: () => ({ name: `intruder-${Date.now()}` }) },
  "GET /api/v1/nodes/{id}": { path: (v) => `/api/v1/nodes/${v.nodeId}` },
  "PATCH /api/v1/nodes/{id}": { path: (v) => `/api/v1/nodes/${v.nodeId}`, body: () => ({ maintenance: true }) },
  "POST /api/v1/nodes/{id}/token": { path: (v) => `/api/v1/nodes/${v.nodeId}/token` },
  "DELETE /api/v1/nodes/{id}/token": { path: (v) => `/api/v1/nodes/${v.nodeId}/token` },
  "GET /api/v1/orphans": { path: (v) => `/api/v1/orphans?nodeId=${v.nodeId}` },
  "POST /api/v1/orphans/{id}/adopt": { path: (v) => `/api/v1/orphans/${v.orphanId}/adopt`, body: (v) => ({ tenantId: v.tenantId }) },
  "DELETE /api/v1/orphans/{id}": { path: (v) => `/api/v1/orphans/${v.orphanId}` },
  "GET /api/v1/tenants": { path: () => "/api/v1/tenants" },
  "POST /api/v1/tenants": { path: () => "/api/v1/tenants", body: () => ({ name: "Intruder", slug: `intruder-${Date.now()}` }) },
  "GET /api/v1/tenants/{id}": { path: (v) => `/api/v1/tenants/${v.tenantId}` },
  "PATCH /api/v1/tenants/{id}": { path: (v) => `/api/v1/tenants/${v.tenantId}`, body: () => ({ quotaCts: 100 }) },
  "DELETE /api/v1/tenants/{id}": { path: (v) => `/api/v1/tenants/${v.tenantId}` },
  "POST /api/v1/tenants/{id}/suspend": { path: (v) => `/api/v1/tenants/${v.tenantId}/suspend` },
  "POST /api/v1/tenants/{id}/unsuspend": { path: (v) => `/api/v1/tenants/${v.tenantId}/unsuspend` },
  "GET /api/v1/tenants/{id}/usage": { path: (v) => `/api/v1/tenants/${v.tenantId}/usage` },
  "GET /api/v1/plans": { path: () => "/api/v1/plans" },
  "POST /api/v1/plans": { path: () => "/api/v1/plans", body: () => ({ name: `intruder-${Date.now()}`, ramBytes: 2 ** 30, diskBytes: 2 ** 33 }) },
  "PATCH /api/v1/plans/{id}": { path: (v) => `/api/v1/plans/${v.planId}`, body: () => ({ archived: true }) },
  "GET /api/v1/users": { path: () => "/api/v1/users" },
  "POST /api/v1/users": { path: () => "/api/v1/users", body: (v) => ({ email: `intruder-${Date.now()}@example.test`, name: "In Truder", password: "a long enough password", role: "owner", tenantId: v.tenantId }) },
  "PATCH /api/v1/users/{id}": { path: (v) => `/api/v1/users/${v.userId}`, body: () => ({ disabled: true }) },
  "GET /api/v1/ip-pools": { path: () => "/api/v1/ip-pools" },
  "POST /api/v1/ip-pools": { path: () => "/api/v1/ip-pools", body: () => ({ name: `intruder-${Date.now()}`, cidr: "192.0.2.0/28" }) },
  "GET /api/v1/ip-pools/{id}/addresses": { path: (v) => `/api/v1/ip-pools/${v.poolId}/addresses` },
  "POST /api/v1/ip-pools/{id}/ranges": { path: (v) => `/api/v1/ip-pools/${v.poolId}/ranges`, body: () => ({ first: "10.0.0.1", last: "10.0.0.2" }) },
  "PATCH /api/v1/ip-addresses/{id}": { path: (v) => `/api/v1/ip-addresses/${v.addressId}`, body: () => ({ reverseDns: "evil.example.com" }) },
  "GET /api/v1/api-tokens": { path: () => "/api/v1/api-tokens" },
  "POST /api/v1/api-tokens": { path: () => "/api/v1/api-tokens", body: (v) => ({ name: "intruder", tenantId: v.tenantId }) },
  "DELETE /api/v1/api-tokens/{id}": { path: (v) => `/api/v1/api-tokens/${v.tokenId}` },
  "GET /api/v1/audit-events": { path: (v) => `/api/v1/audit-events?tenantId=${v.tenantId}` },
};
