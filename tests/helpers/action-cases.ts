// Every server action of the panel, as the data-access call it makes, for the
// authorization matrix and the audit test. Each exported action in
// app/**/actions.ts must be listed here (server/access/action-matrix.test.ts
// checks), so a new action cannot ship untested.
import type { Actor } from "@/server/access/actor";
import { createApiToken } from "@/server/api-tokens/create-api-token";
import { revokeApiToken } from "@/server/api-tokens/revoke-api-token";
import { issueConsoleTicket } from "@/server/console/issue-console-ticket";
import { changeCtSettings } from "@/server/cts/change-ct-settings";
import { provisionCt } from "@/server/cts/provision-ct";
import { reinstallCt } from "@/server/cts/reinstall-ct";
import { requestCtAction } from "@/server/cts/request-ct-action";
import { resetRootPassword } from "@/server/cts/reset-root-password";
import { terminateCt } from "@/server/cts/terminate-ct";
import { addIpRange } from "@/server/ip-pools/add-ip-range";
import { createNode } from "@/server/nodes/create-node";
import { revokeNodeToken } from "@/server/nodes/revoke-node-token";
import { rotateNodeToken } from "@/server/nodes/rotate-node-token";
import { setNodeMaintenance } from "@/server/nodes/set-node-maintenance";
import { markNotificationsRead } from "@/server/notifications/mark-notifications-read";
import { buildTemplate } from "@/server/templates/build-template";
import { adoptOrphanCt } from "@/server/reconcile/adopt-orphan-ct";
import { removeOrphanCt } from "@/server/reconcile/remove-orphan-ct";
import { createIpPool } from "@/server/ip-pools/create-ip-pool";
import { setReverseDns } from "@/server/ip-pools/set-reverse-dns";
import { createPlan } from "@/server/plans/create-plan";
import { updatePlan } from "@/server/plans/update-plan";
import { createTenant } from "@/server/tenants/create-tenant";
import { setTenantStatus } from "@/server/tenants/set-tenant-status";
import { updateTenant } from "@/server/tenants/update-tenant";
import { createPanelUser } from "@/server/users/create-panel-user";
import { updateUser } from "@/server/users/update-user";

export type Victim = { nodeId: string; ctId: string; tenantId: string; userId: string; planId: string; poolId: string; addressId: string; tokenId: string; freeRangeBase: string };

// memberMay / supportMay: allowed to that role (CT power and settings for members; consoles with a reason
// for support), so it is no attacker there. noAuditHere: the call is audited later (console attach) or
// needs a live node agent to succeed, so the audit test cannot drive it to success.
type Case = { audit: string; memberMay?: boolean; supportMay?: boolean; noAuditHere?: string; call: (actor: Actor, v: Victim) => Promise<unknown> };

const uniq = () => Math.random().toString(36).slice(2, 8);

export const ACTION_CASES: Record<string, Case> = {
  createTenantAction: { audit: "tenant.create", call: (a) => createTenant(a, { name: "Matrix", slug: `m-${uniq()}` }) },
  updateQuotasAction: { audit: "tenant.update", call: (a, v) => updateTenant(a, v.tenantId, { quotaCts: 99 }) },
  setTenantStatusAction: { audit: "tenant.suspend", call: (a, v) => setTenantStatus(a, v.tenantId, "SUSPENDED") },
  createUserAction: { audit: "user.create", call: (a, v) => createPanelUser(a, { email: `m-${uniq()}@example.test`, name: "M", password: "a long fine password", role: "member", tenantId: v.tenantId }) },
  setUserDisabledAction: { audit: "user.disable", call: (a, v) => updateUser(a, v.userId, { disabled: true }) },
  createPlanAction: { audit: "plan.create", call: (a) => createPlan(a, { name: `m-${uniq()}`, ramBytes: 2 ** 30, swapBytes: 0, diskBytes: 2 ** 33, diskInodes: 200_000, cpuUnits: 1000, cpuLimitPct: 0, cpus: 0, numproc: 0, ioprio: 4, ioLimitBps: 0, iopsLimit: 0, trafficBytesMonth: 0, ipv4Count: 1, ipv6Count: 0, backups: 0 }) },
  archivePlanAction: { audit: "plan.archive", call: (a, v) => updatePlan(a, v.planId, { archived: true }) },
  createIpPoolAction: { audit: "ip_pool.create", call: (a) => createIpPool(a, { name: `m-${uniq()}`, cidr: `172.${16 + Math.floor(Math.random() * 16)}.${Math.floor(Math.random() * 256)}.0/28` }) },
  addIpRangeAction: { audit: "ip_pool.add_range", call: (a, v) => addIpRange(a, v.poolId, { first: `${v.freeRangeBase}200`, last: `${v.freeRangeBase}201` }) },
  setReverseDnsAction: { audit: "ip_address.set_reverse_dns", call: (a, v) => setReverseDns(a, v.addressId, { reverseDns: "mail.example.com" }) },
  createApiTokenAction: { audit: "api_token.create", call: (a, v) => createApiToken(a, { name: "matrix", tenantId: v.tenantId }) },
  revokeApiTokenAction: { audit: "api_token.revoke", call: (a, v) => revokeApiToken(a, v.tokenId) },
  provisionCtAction: { audit: "ct.provision", call: (a, v) => provisionCt(a, { tenantId: v.tenantId, planId: v.planId, hostname: `m-${uniq()}` }) },
  runCtAction: { audit: "ct.start", memberMay: true, call: (a, v) => requestCtAction(a, v.ctId, "start") },
  changeSettingsAction: { audit: "ct.settings", memberMay: true, call: (a, v) => changeCtSettings(a, v.ctId, { hostname: "renamed", nameservers: [] }) },
  reinstallAction: { audit: "ct.reinstall", call: (a, v) => reinstallCt(a, v.ctId, { confirmHostname: "victim" }) },
  destroyAction: { audit: "ct.terminate", call: (a, v) => terminateCt(a, v.ctId) },
  resetPasswordAction: { audit: "ct.password", noAuditHere: "needs a connected node agent", call: (a, v) => resetRootPassword(a, v.ctId, { password: "a long root password" }) },
  addNodeAction: { audit: "node.create", call: (a) => createNode(a, { name: `m-${uniq()}` }, "http://localhost:3999") },
  rotateTokenAction: { audit: "node.rotate_token", call: (a, v) => rotateNodeToken(a, v.nodeId, "http://localhost:3999") },
  revokeTokenAction: { audit: "node.revoke_token", call: (a, v) => revokeNodeToken(a, v.nodeId) },
  setMaintenanceAction: { audit: "node.maintenance", call: (a, v) => setNodeMaintenance(a, v.nodeId, true) },
  adoptOrphanAction: { audit: "ct.adopt", noAuditHere: "needs an orphan reported by a node agent", call: (a, v) => adoptOrphanCt(a, v.ctId, { tenantId: v.tenantId }) },
  removeOrphanAction: { audit: "ct.remove_orphan", noAuditHere: "needs an orphan reported by a node agent", call: (a, v) => removeOrphanCt(a, v.ctId) },
  buildTemplateAction: { audit: "template.build", call: (a, v) => buildTemplate(a, { nodeId: v.nodeId, name: "busybox" }) },
  markNotificationsReadAction: { audit: "", memberMay: true, noAuditHere: "reading notifications changes no CT, tenant or account", call: (a, v) => markNotificationsRead(a, { tenantId: v.tenantId }) },
  openConsoleTicket: { audit: "console.attach", memberMay: true, supportMay: true, noAuditHere: "audited when the socket attaches", call: (a, v) => issueConsoleTicket(a, { ctId: v.ctId, kind: "console", reason: "matrix test" }) },
};
