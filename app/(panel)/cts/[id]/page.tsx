import { requirePageActor } from "@/server/access/require-page-actor";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { ctView } from "@/server/cts/ct-view";

const gib = (b: number) => (b >= 1 << 30 ? `${(b / (1 << 30)).toFixed(1)} GiB` : `${Math.round(b / (1 << 20))} MiB`);

export default async function CtOverviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor();
  const ct = ctView(await getCtOrThrow(actor, id));
  const staff = actor.role === "admin" || actor.role === "support";
  const rows: [string, string][] = [
    ["Addresses", ct.addresses.map((a) => a.address + (a.reverseDns ? ` (${a.reverseDns})` : "")).join(", ") || "none"],
    ["Plan", ct.planName ?? "custom"],
    ["Template", ct.ostemplate],
    ["RAM / swap", `${gib(ct.ramBytes)} / ${gib(ct.swapBytes)}`],
    ["Disk", gib(ct.diskBytes)],
    ["CPUs", ct.cpus ? String(ct.cpus) : "all"],
    ["Created", new Date(ct.createdAt).toUTCString()],
    ...(staff ? ([["Node", ct.nodeName ?? "?"], ["Tenant", ct.tenantName ?? "?"]] as [string, string][]) : []),
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-8 gap-y-3 rounded-lg border border-slate-200 bg-white p-6 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt className="text-xs uppercase tracking-wide text-slate-500">{k}</dt>
          <dd className="mt-0.5">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
