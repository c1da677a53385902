import type { Metadata } from "next";
import Link from "next/link";
import { isAdmin } from "@/server/access/actor";
import { requirePageActor } from "@/server/access/require-page-actor";
import { listTenants } from "@/server/tenants/list-tenants";
import { ActionForm } from "@/components/ui/action-form";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextInput } from "@/components/ui/text-input";
import { createTenantAction } from "./actions";

export const metadata: Metadata = { title: "Tenants" };

export default async function TenantsPage() {
  const actor = await requirePageActor();
  const tenants = await listTenants(actor);
  return (
    <main className="mx-auto max-w-5xl space-y-6 p-6">
      <PageHeader title="Tenants" />
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-500 dark:border-slate-800">
          <tr>
            <th className="py-2">Name</th>
            <th>Slug</th>
            <th>Status</th>
            <th>CTs</th>
            <th>Users</th>
          </tr>
        </thead>
        <tbody>
          {tenants.map((t) => (
            <tr key={t.id} className="border-b border-slate-100 dark:border-slate-800">
              <td className="py-2">
                <Link href={`/tenants/${t.id}`} className="text-sky-700 underline dark:text-sky-400">
                  {t.name}
                </Link>
              </td>
              <td>{t.slug}</td>
              <td>{t.status.toLowerCase()}</td>
              <td>{t._count.cts}</td>
              <td>{t._count.users}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {tenants.length === 0 && <p className="text-slate-600">No tenants yet.</p>}
      {isAdmin(actor) && (
        <section className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 className="mb-3 text-lg font-medium">New tenant</h2>
          <ActionForm action={createTenantAction} label="New tenant" success={<p className="text-sm text-green-700">Tenant created.</p>}>
            <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
              <TextInput label="Name" name="name" required />
              <TextInput label="Slug" name="slug" placeholder="acme" required />
              <TextInput label="Max CTs" name="quotaCts" type="number" min={0} />
              <TextInput label="Max RAM (GiB)" name="quotaRamBytes" type="number" step="0.5" min={0} />
              <TextInput label="Max disk (GiB)" name="quotaDiskBytes" type="number" min={0} />
              <TextInput label="Max CPUs" name="quotaCpus" type="number" min={0} />
              <TextInput label="Max IPv4" name="quotaIpv4" type="number" min={0} />
              <TextInput label="Max IPv6" name="quotaIpv6" type="number" min={0} />
            </div>
            <p className="mt-2 text-xs text-slate-500">Leave a quota empty for no limit.</p>
            <div className="mt-3">
              <SubmitButton>Create tenant</SubmitButton>
            </div>
          </ActionForm>
        </section>
      )}
    </main>
  );
}
