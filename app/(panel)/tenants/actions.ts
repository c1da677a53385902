"use server";
import { createTenant } from "@/server/tenants/create-tenant";
import { CreateTenantInput, UpdateTenantInput } from "@/server/tenants/tenant-input";
import { setTenantStatus } from "@/server/tenants/set-tenant-status";
import { updateTenant } from "@/server/tenants/update-tenant";
import { formValues } from "@/server/http/form-values";
import { runAction, type ActionResult } from "@/server/http/run-action";

const QUOTA_NUMBERS = ["quotaCts", "quotaCpus", "quotaIpv4", "quotaIpv6"];
const QUOTA_GIB = ["quotaRamBytes", "quotaDiskBytes"];

export async function createTenantAction(_prev: ActionResult | null, form: FormData) {
  return runAction("/tenants", (actor) => createTenant(actor, CreateTenantInput.parse(formValues(form, { numbers: QUOTA_NUMBERS, gib: QUOTA_GIB }))));
}

export async function updateQuotasAction(_prev: ActionResult | null, form: FormData) {
  const { id, ...rest } = formValues(form, { numbers: QUOTA_NUMBERS, gib: QUOTA_GIB, nullIfEmpty: [...QUOTA_NUMBERS, ...QUOTA_GIB] });
  return runAction(`/tenants/${id}`, (actor) => updateTenant(actor, String(id), UpdateTenantInput.parse(rest)));
}

export async function setTenantStatusAction(_prev: ActionResult | null, form: FormData) {
  const id = String(form.get("id"));
  const status = form.get("status") === "SUSPENDED" ? "SUSPENDED" : "ACTIVE";
  return runAction(`/tenants/${id}`, (actor) => setTenantStatus(actor, id, status));
}
