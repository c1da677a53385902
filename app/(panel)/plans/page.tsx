import type { Metadata } from "next";
import { isAdmin } from "@/server/access/actor";
import { requirePageActor } from "@/server/access/require-page-actor";
import { listPlans } from "@/server/plans/list-plans";
import { ActionForm } from "@/components/ui/action-form";
import { formatBytes } from "@/components/ui/format-bytes";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextInput } from "@/components/ui/text-input";
import { createPlanAction } from "./actions";
import { ArchiveButton } from "./archive-button";

export const metadata: Metadata = { title: "Plans" };

export default async function PlansPage() {
  const actor = await requirePageActor();
  const plans = await listPlans(actor, { includeArchived: true });
  const admin = isAdmin(actor);
  return (
    <main className="mx-auto max-w-5xl space-y-6 p-6">
      <PageHeader title="Plans" />
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-500 dark:border-slate-800">
          <tr>
            <th className="py-2">Name</th>
            <th>RAM</th>
            <th>Swap</th>
            <th>Disk</th>
            <th>CPUs</th>
            <th>IPv4</th>
            <th>IPv6</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {plans.map((p) => (
            <tr key={p.id} className={`border-b border-slate-100 dark:border-slate-800 ${p.archived ? "text-slate-400" : ""}`}>
              <td className="py-2">{p.name}{p.archived ? " (archived)" : ""}</td>
              <td>{formatBytes(Number(p.ramBytes))}</td>
              <td>{formatBytes(Number(p.swapBytes))}</td>
              <td>{formatBytes(Number(p.diskBytes))}</td>
              <td>{p.cpus || "all"}</td>
              <td>{p.ipv4Count}</td>
              <td>{p.ipv6Count}</td>
              <td>{admin && <ArchiveButton id={p.id} archived={p.archived} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {admin && (
        <section className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 className="mb-3 text-lg font-medium">New plan</h2>
          <ActionForm action={createPlanAction} label="New plan" success={<p className="text-sm text-green-700">Plan created.</p>}>
            <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
              <TextInput label="Plan name" name="name" required />
              <TextInput label="RAM (GiB)" name="ramBytes" type="number" step="0.25" min={0} required />
              <TextInput label="Swap (GiB)" name="swapBytes" type="number" step="0.25" min={0} defaultValue={0} />
              <TextInput label="Disk (GiB)" name="diskBytes" type="number" min={1} required />
              <TextInput label="CPUs (0 = all)" name="cpus" type="number" min={0} defaultValue={0} />
              <TextInput label="CPU limit %" name="cpuLimitPct" type="number" min={0} defaultValue={0} />
              <TextInput label="IPv4 addresses" name="ipv4Count" type="number" min={0} defaultValue={1} />
              <TextInput label="IPv6 addresses" name="ipv6Count" type="number" min={0} defaultValue={0} />
            </div>
            <div className="mt-3">
              <SubmitButton>Create plan</SubmitButton>
            </div>
          </ActionForm>
        </section>
      )}
    </main>
  );
}
