import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isAdmin, isStaff } from "@/server/access/actor";
import { requirePageActor } from "@/server/access/require-page-actor";
import { listIpPools } from "@/server/ip-pools/list-ip-pools";
import { listNodeNames } from "@/server/ip-pools/list-node-names";
import { PageHeader } from "@/components/ui/page-header";
import { NewPoolForm } from "./pool-forms";

export const metadata: Metadata = { title: "IP pools" };

export default async function IpPoolsPage() {
  const actor = await requirePageActor();
  if (!isStaff(actor)) notFound();
  const [pools, nodes] = await Promise.all([listIpPools(actor), listNodeNames(actor)]);
  return (
    <main className="mx-auto max-w-5xl space-y-6 p-6">
      <PageHeader title="IP pools" />
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-500 dark:border-slate-800">
          <tr>
            <th className="py-2">Name</th>
            <th>Network</th>
            <th>Gateway</th>
            <th>Node</th>
            <th>In use</th>
          </tr>
        </thead>
        <tbody>
          {pools.map((p) => (
            <tr key={p.id} className="border-b border-slate-100 dark:border-slate-800">
              <td className="py-2">
                <Link href={`/ip-pools/${p.id}`} className="text-sky-700 underline dark:text-sky-400">
                  {p.name}
                </Link>
              </td>
              <td>{p.cidr}</td>
              <td>{p.gateway ?? "—"}</td>
              <td>{p.node?.name ?? "shared"}</td>
              <td>
                {p.used} of {p.total}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {isAdmin(actor) && (
        <section className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 className="mb-3 text-lg font-medium">New pool</h2>
          <NewPoolForm nodes={nodes} />
        </section>
      )}
    </main>
  );
}
