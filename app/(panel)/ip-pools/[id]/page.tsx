import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAdmin } from "@/server/access/actor";
import { requirePageActor } from "@/server/access/require-page-actor";
import { AppError } from "@/server/errors/app-error";
import { listIpAddresses } from "@/server/ip-pools/list-ip-addresses";
import { PageHeader } from "@/components/ui/page-header";
import { AddRangeForm, ReverseDnsForm } from "../pool-forms";

export const metadata: Metadata = { title: "IP pool" };

export default async function IpPoolPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor();
  const { pool, addresses } = await listIpAddresses(actor, id).catch((e) => (e instanceof AppError && e.code === "not_found" ? notFound() : Promise.reject(e)));
  const admin = isAdmin(actor);
  return (
    <main className="mx-auto max-w-5xl space-y-6 p-6">
      <PageHeader title={`${pool.name} (${pool.cidr})`} />
      {admin && (
        <section className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 className="mb-3 text-lg font-medium">Add a range</h2>
          <AddRangeForm poolId={pool.id} />
        </section>
      )}
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-500 dark:border-slate-800">
          <tr>
            <th className="py-2">Address</th>
            <th>Held by</th>
            <th>Reverse DNS</th>
          </tr>
        </thead>
        <tbody>
          {addresses.map((a) => (
            <tr key={a.id} className="border-b border-slate-100 dark:border-slate-800">
              <td className="py-1 font-mono">{a.address}</td>
              <td>{a.ct ? `CT ${a.ct.ctid} ${a.ct.hostname} (${a.ct.tenant.name})` : <span className="text-slate-400">free</span>}</td>
              <td>{admin ? <ReverseDnsForm id={a.id} poolId={pool.id} value={a.reverseDns} /> : (a.reverseDns ?? "—")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {addresses.length === 0 && <p className="text-slate-600">No addresses yet. Add a range above.</p>}
    </main>
  );
}
