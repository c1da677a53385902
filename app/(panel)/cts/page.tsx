import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/access/require-page-actor";
import { listCts } from "@/server/cts/list-cts";
import { StateBadge } from "./state-badge";

export const metadata: Metadata = { title: "Containers" };

export default async function CtsPage() {
  const actor = await requirePageActor();
  const cts = await listCts(actor);
  const staff = actor.role === "admin" || actor.role === "support";
  return (
    <main className="mx-auto max-w-6xl p-6">
      <h1 className="text-2xl font-semibold">Containers</h1>
      {cts.length === 0 ? (
        <section className="mt-6 rounded-lg border border-dashed border-slate-300 p-10 text-center dark:border-slate-700" data-testid="cts-empty">
          <h2 className="text-lg font-medium">No containers yet</h2>
          <p className="mt-1 text-slate-600 dark:text-slate-400">Containers created for this account appear here.</p>
        </section>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-left text-sm" data-testid="cts-table">
            <thead className="border-b border-slate-200 text-slate-500 dark:border-slate-800">
              <tr>
                <th className="px-4 py-2 font-medium">Hostname</th>
                <th className="px-4 py-2 font-medium">CTID</th>
                <th className="px-4 py-2 font-medium">State</th>
                <th className="px-4 py-2 font-medium">IP</th>
                <th className="px-4 py-2 font-medium">Plan</th>
                {staff && <th className="px-4 py-2 font-medium">Tenant</th>}
                {staff && <th className="px-4 py-2 font-medium">Node</th>}
              </tr>
            </thead>
            <tbody>
              {cts.map((ct) => (
                <tr key={ct.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                  <td className="px-4 py-2">
                    <Link href={`/cts/${ct.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                      {ct.hostname}
                    </Link>
                  </td>
                  <td className="px-4 py-2 tabular-nums">{ct.ctid}</td>
                  <td className="px-4 py-2">
                    <StateBadge state={ct.state} />
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{ct.addresses.map((a) => a.address).join(", ") || "—"}</td>
                  <td className="px-4 py-2">{ct.planName ?? "—"}</td>
                  {staff && <td className="px-4 py-2">{ct.tenantName}</td>}
                  {staff && <td className="px-4 py-2">{ct.nodeName}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
