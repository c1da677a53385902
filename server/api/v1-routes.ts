// Every /api/v1 route in one table: method and path, the zod schemas that
// validate it, who may call it. Route handlers take their schema from here
// (http/api-route.ts), the OpenAPI document is generated from here
// (api/build-openapi.ts), and the authorization matrix test walks it, so a new
// route is documented and tested by being added here.
import { z } from "zod";
import { CreateApiTokenInput } from "@/server/api-tokens/api-token-input";
import { AuditFilter } from "@/server/audit/audit-filter";
import { ChangeCtPlanInput, ProvisionCtInput } from "@/server/cts/ct-input";
import { CtActionInput } from "@/server/cts/request-ct-action";
import { SearchCtsInput } from "@/server/cts/search-cts";
import { MetricsHistoryQuery } from "@/server/metrics/history-query";
import { AddIpRangeInput, CreateIpPoolInput, SetReverseDnsInput } from "@/server/ip-pools/ip-pool-input";
import { CreateNodeInput } from "@/server/nodes/create-node";
import { CreatePlanInput, UpdatePlanInput } from "@/server/plans/plan-input";
import { AdoptOrphanInput } from "@/server/reconcile/adopt-orphan-ct";
import { OrphanFilter } from "@/server/reconcile/list-orphan-cts";
import { MigrateCtInput } from "@/server/tasks/request-ct-migration";
import { SearchTasksInput } from "@/server/tasks/search-tasks";
import { CreateTenantInput, UpdateTenantInput } from "@/server/tenants/tenant-input";
import { CreateUserInput, UpdateUserInput } from "@/server/users/user-input";

// provider: admins (and provider tokens) only. owner: admins and the tenant's owners.
// reader: any signed-in caller, scoped to what it may see. public: no credentials.
export type Access = "provider" | "owner" | "staff-reader" | "reader" | "public";

export type RouteSpec = {
  summary: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodType;
  /** The success body, documented in OpenAPI (not enforced). */
  response?: z.ZodType;
  status?: number;
  destructive?: boolean;
  tag: string;
};

const TenantFilter = z.strictObject({ tenantId: z.string().max(64).optional() });
// The CT list is paged in the database (1,000s of CTs): the /cts page's search, strict for the API.
const ListCtsQuery = z.strictObject(SearchCtsInput.shape).meta({ id: "ListCtsQuery" });
const CtPage = z
  .object({
    total: z.number().int().describe("CTs matching the filters, over all pages"),
    page: z.number().int(),
    pageSize: z.number().int(),
    cts: z.array(z.object({ id: z.string(), ctid: z.number().int(), hostname: z.string(), state: z.string(), nodeId: z.string(), tenantId: z.string() }).loose()),
  })
  .meta({ id: "CtPage" });
const TaskPage = z
  .object({
    tasks: z.array(z.object({ id: z.string(), kind: z.string(), status: z.string(), progress: z.number().int(), ctId: z.string().nullable(), log: z.array(z.string()) }).loose()),
    nextCursor: z.string().nullable().describe("pass as cursor for the next page; null on the last page"),
  })
  .meta({ id: "TaskPage" });
const SetNodeMaintenanceInput = z.strictObject({ maintenance: z.boolean().describe("true: the node takes no new CTs; its CTs keep running") }).meta({ id: "SetNodeMaintenanceInput" });

export const V1_ROUTES = {
  "GET /api/v1/cts": { summary: "List CTs, one page at a time: { total, page, pageSize, cts }. Search q matches CTID, IP prefix, hostname (and tenant name for staff)", access: "reader", query: ListCtsQuery, response: CtPage, tag: "CTs" },
  "POST /api/v1/cts": { summary: "Provision a CT for a tenant on a plan", access: "owner", body: ProvisionCtInput, status: 202, tag: "CTs" },
  "GET /api/v1/cts/{id}": { summary: "Read a CT", access: "reader", tag: "CTs" },
  "DELETE /api/v1/cts/{id}": { summary: "Terminate a CT", access: "owner", destructive: true, status: 202, tag: "CTs" },
  "POST /api/v1/cts/{id}/plan": { summary: "Change a CT's plan", access: "provider", body: ChangeCtPlanInput, status: 202, tag: "CTs" },
  "POST /api/v1/cts/{id}/actions": { summary: "Start, stop, restart, force-stop, suspend or resume a CT", access: "reader", body: CtActionInput, status: 202, destructive: true, tag: "CTs" },
  "POST /api/v1/cts/{id}/migrate": { summary: "Move a CT to another node (cold migration); returns the task. 409 names a task in the way", access: "provider", body: MigrateCtInput, status: 202, destructive: true, tag: "CTs" },
  "GET /api/v1/cts/{id}/tasks": { summary: "A CT's recent tasks with status and progress", access: "reader", tag: "CTs" },
  "GET /api/v1/cts/{id}/metrics": { summary: "A CT's usage history over a range (15m, 1h, 24h, 7d, 30d, 1y)", access: "reader", query: MetricsHistoryQuery, tag: "Metrics" },
  "GET /api/v1/cts/{id}/beancounters": { summary: "A CT's beancounters, explained", access: "reader", tag: "Metrics" },
  "GET /api/v1/cts/{id}/events": { summary: "A CT's timeline of limit hits and OOM kills", access: "reader", tag: "Metrics" },
  "GET /api/v1/notifications": { summary: "The tenant's notifications", access: "reader", query: TenantFilter, tag: "Metrics" },

  "GET /api/v1/tasks": { summary: "Tasks, newest first, filtered and paged: { tasks, nextCursor }", access: "reader", query: SearchTasksInput, response: TaskPage, tag: "Tasks" },
  "GET /api/v1/tasks/{id}": { summary: "A task with its progress and log", access: "reader", tag: "Tasks" },
  "POST /api/v1/tasks/{id}/cancel": { summary: "Cancel a task that has not started (409 once it runs)", access: "reader", destructive: true, tag: "Tasks" },

  "GET /api/v1/nodes": { summary: "List nodes: state, agent facts, capacity and orphan CTs", access: "staff-reader", tag: "Nodes" },
  "POST /api/v1/nodes": { summary: "Add a node: returns its agent token (shown once) and the command to run on it", access: "provider", body: CreateNodeInput, status: 201, tag: "Nodes" },
  "GET /api/v1/nodes/{id}": { summary: "Read a node", access: "staff-reader", tag: "Nodes" },
  "PATCH /api/v1/nodes/{id}": { summary: "Put a node in or out of maintenance (no new CTs)", access: "provider", body: SetNodeMaintenanceInput, tag: "Nodes" },
  "POST /api/v1/nodes/{id}/token": { summary: "Rotate a node's agent token: returns the new token (shown once) and command; the old one stops working", access: "provider", destructive: true, tag: "Nodes" },
  "DELETE /api/v1/nodes/{id}/token": { summary: "Revoke a node's agent token: its agent is disconnected at once, its CTs keep running", access: "provider", destructive: true, tag: "Nodes" },

  "GET /api/v1/orphans": { summary: "CTs nodes run that the panel does not know", access: "staff-reader", query: OrphanFilter, tag: "Nodes" },
  "POST /api/v1/orphans/{id}/adopt": { summary: "Adopt an orphan CT into a tenant", access: "provider", body: AdoptOrphanInput, status: 201, tag: "Nodes" },
  "DELETE /api/v1/orphans/{id}": { summary: "Stop and destroy an orphan CT on its node", access: "provider", destructive: true, tag: "Nodes" },

  "GET /api/v1/tenants": { summary: "List tenants (customers see their own)", access: "reader", tag: "Tenants" },
  "POST /api/v1/tenants": { summary: "Create a tenant", access: "provider", body: CreateTenantInput, status: 201, tag: "Tenants" },
  "GET /api/v1/tenants/{id}": { summary: "Read a tenant", access: "reader", tag: "Tenants" },
  "PATCH /api/v1/tenants/{id}": { summary: "Rename a tenant or change its quotas", access: "provider", body: UpdateTenantInput, tag: "Tenants" },
  "DELETE /api/v1/tenants/{id}": { summary: "Delete a tenant without CTs, with its users and tokens", access: "provider", destructive: true, tag: "Tenants" },
  "POST /api/v1/tenants/{id}/suspend": { summary: "Suspend a tenant (non-payment)", access: "provider", destructive: true, tag: "Tenants" },
  "POST /api/v1/tenants/{id}/unsuspend": { summary: "Lift a tenant's suspension", access: "provider", tag: "Tenants" },
  "GET /api/v1/tenants/{id}/usage": { summary: "A tenant's quota usage", access: "reader", tag: "Tenants" },

  "GET /api/v1/plans": { summary: "List plans", access: "reader", tag: "Plans" },
  "POST /api/v1/plans": { summary: "Create a plan", access: "provider", body: CreatePlanInput, status: 201, tag: "Plans" },
  "PATCH /api/v1/plans/{id}": { summary: "Change or archive a plan", access: "provider", body: UpdatePlanInput, tag: "Plans" },

  "GET /api/v1/users": { summary: "List users (customers see their tenant's)", access: "reader", tag: "Users" },
  "POST /api/v1/users": { summary: "Create a user", access: "owner", body: CreateUserInput, status: 201, tag: "Users" },
  "PATCH /api/v1/users/{id}": { summary: "Change, disable or re-enable a user", access: "owner", body: UpdateUserInput, destructive: true, tag: "Users" },

  "GET /api/v1/ip-pools": { summary: "List IP pools", access: "staff-reader", tag: "IP pools" },
  "POST /api/v1/ip-pools": { summary: "Create an IP pool", access: "provider", body: CreateIpPoolInput, status: 201, tag: "IP pools" },
  "GET /api/v1/ip-pools/{id}/addresses": { summary: "A pool's addresses and the CTs holding them", access: "staff-reader", tag: "IP pools" },
  "POST /api/v1/ip-pools/{id}/ranges": { summary: "Add a range of addresses to a pool", access: "provider", body: AddIpRangeInput, status: 201, tag: "IP pools" },
  "PATCH /api/v1/ip-addresses/{id}": { summary: "Set an address's reverse DNS name", access: "owner", body: SetReverseDnsInput, tag: "IP pools" },

  "GET /api/v1/api-tokens": { summary: "List API tokens", access: "owner", tag: "API tokens" },
  "POST /api/v1/api-tokens": { summary: "Create an API token (the secret is shown once)", access: "owner", body: CreateApiTokenInput, status: 201, tag: "API tokens" },
  "DELETE /api/v1/api-tokens/{id}": { summary: "Revoke an API token", access: "owner", destructive: true, tag: "API tokens" },

  "GET /api/v1/audit-events": { summary: "The audit log (customers see their tenant's slice); ?format=csv for CSV", access: "owner", query: AuditFilter.extend({ format: z.enum(["json", "csv"]).optional() }), tag: "Audit" },

  "GET /api/v1/openapi.json": { summary: "This document", access: "public", tag: "Meta" },
} as const satisfies Record<string, RouteSpec>;

export type RouteKey = keyof typeof V1_ROUTES;
