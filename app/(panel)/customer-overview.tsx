// A customer's dashboard section: quota usage bars, their CTs, and (owners)
// the form to create one.
import { requirePageActor } from "@/server/access/require-page-actor";
import { listCts } from "@/server/cts/list-cts";
import { listPlans } from "@/server/plans/list-plans";
import { getTenantUsage } from "@/server/tenants/get-tenant-usage";
import { ProvisionForm } from "./provision-form";
import { QuotaBars } from "./quota-bars";

export async function CustomerOverview() {
  const actor = await requirePageActor();
  if (!actor.tenantId) return null;
  const [usage, cts, plans] = await Promise.all([getTenantUsage(actor, actor.tenantId), listCts(actor), listPlans(actor)]);
  return (
    <div className="mt-6 space-y-6">
      {usage.status === "SUSPENDED" && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          This account is suspended. Your servers are stopped and no new ones can be created. Contact billing.
        </p>
      )}
      <QuotaBars items={usage.items} />
      {cts.length > 0 && (
        <table className="w-full text-left text-sm" aria-label="Your servers">
          <thead className="border-b border-slate-200 text-slate-500 dark:border-slate-800">
            <tr>
              <th className="py-2">Host name</th>
              <th>CTID</th>
              <th>Plan</th>
              <th>State</th>
              <th>Addresses</th>
            </tr>
          </thead>
          <tbody>
            {cts.map((c) => (
              <tr key={c.id} className="border-b border-slate-100 dark:border-slate-800">
                <td className="py-2">{c.hostname}</td>
                <td>{c.ctid}</td>
                <td>{c.planName ?? "—"}</td>
                <td>{c.state}</td>
                <td className="font-mono">{c.addresses.map((a) => a.address).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {actor.role === "owner" && plans.length > 0 && <ProvisionForm plans={plans.map((p) => ({ id: p.id, name: p.name }))} />}
    </div>
  );
}
