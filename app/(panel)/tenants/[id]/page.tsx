import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAdmin } from "@/server/access/actor";
import { requirePageActor } from "@/server/access/require-page-actor";
import { AppError } from "@/server/errors/app-error";
import { getTenantOrThrow } from "@/server/tenants/get-tenant-or-throw";
import { getTenantUsage } from "@/server/tenants/get-tenant-usage";
import { listUsers } from "@/server/users/list-users";
import { ActionForm } from "@/components/ui/action-form";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextInput } from "@/components/ui/text-input";
import { QuotaBars } from "../../quota-bars";
import { NewUserForm } from "../../users/new-user-form";
import { setTenantStatusAction, updateQuotasAction } from "../actions";

export const metadata: Metadata = { title: "Tenant" };

const gib = (v: bigint | null) => (v === null ? "" : String(Number(v) / 2 ** 30));

export default async function TenantPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor();
  const tenant = await getTenantOrThrow(actor, id).catch((e) => (e instanceof AppError && e.code === "not_found" ? notFound() : Promise.reject(e)));
  const [usage, users] = await Promise.all([getTenantUsage(actor, id), listUsers(actor, { tenantId: id })]);
  const admin = isAdmin(actor);
  return (
    <main className="mx-auto max-w-5xl space-y-6 p-6">
      <PageHeader title={tenant.name}>
        <span data-testid="tenant-status" className={`rounded px-2 py-0.5 text-sm ${tenant.status === "ACTIVE" ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`}>
          {tenant.status.toLowerCase()}
        </span>
      </PageHeader>
      <QuotaBars items={usage.items} />
      {admin && (
        <section className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 className="mb-3 text-lg font-medium">Quotas</h2>
          <ActionForm action={updateQuotasAction} label="Quotas" resetOnSuccess={false} success={<p className="text-sm text-green-700">Quotas saved.</p>}>
            <input type="hidden" name="id" value={tenant.id} />
            <div className="grid grid-cols-2 gap-3 md:grid-cols-3">
              <TextInput label="Max CTs" name="quotaCts" type="number" min={0} defaultValue={tenant.quotaCts ?? ""} />
              <TextInput label="Max RAM (GiB)" name="quotaRamBytes" type="number" step="0.5" min={0} defaultValue={gib(tenant.quotaRamBytes)} />
              <TextInput label="Max disk (GiB)" name="quotaDiskBytes" type="number" min={0} defaultValue={gib(tenant.quotaDiskBytes)} />
              <TextInput label="Max CPUs" name="quotaCpus" type="number" min={0} defaultValue={tenant.quotaCpus ?? ""} />
              <TextInput label="Max IPv4" name="quotaIpv4" type="number" min={0} defaultValue={tenant.quotaIpv4 ?? ""} />
              <TextInput label="Max IPv6" name="quotaIpv6" type="number" min={0} defaultValue={tenant.quotaIpv6 ?? ""} />
            </div>
            <div className="mt-3">
              <SubmitButton>Save quotas</SubmitButton>
            </div>
          </ActionForm>
          <ActionForm action={setTenantStatusAction} label="Suspension" className="mt-4">
            <input type="hidden" name="id" value={tenant.id} />
            <input type="hidden" name="status" value={tenant.status === "ACTIVE" ? "SUSPENDED" : "ACTIVE"} />
            <SubmitButton tone={tenant.status === "ACTIVE" ? "danger" : "plain"}>{tenant.status === "ACTIVE" ? "Suspend tenant" : "Lift suspension"}</SubmitButton>
          </ActionForm>
        </section>
      )}
      <section>
        <h2 className="mb-2 text-lg font-medium">Users</h2>
        <ul className="text-sm">
          {users.map((u) => (
            <li key={u.id}>
              {u.email} <span className="text-slate-500">({u.role}{u.disabled ? ", disabled" : ""})</span>
            </li>
          ))}
        </ul>
        {admin && <NewUserForm tenantId={tenant.id} roles={["owner", "member"]} />}
      </section>
    </main>
  );
}
