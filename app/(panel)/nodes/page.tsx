import type { Metadata } from "next";
import Link from "next/link";
import { isAdmin } from "@/server/access/actor";
import { requirePageActor } from "@/server/access/require-page-actor";
import { listNodes } from "@/server/nodes/list-nodes";
import { listTenants } from "@/server/tenants/list-tenants";
import { formatBytes } from "@/components/ui/format-bytes";
import { PageHeader } from "@/components/ui/page-header";
import { AddNodeForm, NodeActions, OrphanActions } from "./node-forms";

export const metadata: Metadata = { title: "Nodes" };
export const dynamic = "force-dynamic";

export default async function NodesPage() {
  const actor = await requirePageActor();
  const nodes = await listNodes(actor);
  const admin = isAdmin(actor);
  const tenants = admin ? (await listTenants(actor)).map((t) => ({ id: t.id, name: t.name })) : [];
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-6">
      <PageHeader title="Nodes" />
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-500 dark:border-slate-800">
          <tr>
            <th className="py-2">Node</th>
            <th>State</th>
            <th>Agent, kernel, cgroup</th>
            <th>CPUs</th>
            <th>RAM used / capacity</th>
            <th>Disk used / capacity</th>
            <th>CTs</th>
            {admin && <th />}
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <tr key={n.id} data-testid={`node-${n.name}`} data-status={n.status} className="border-b border-slate-100 align-top dark:border-slate-800">
              <td className="py-2 font-medium">
                <Link href={`/nodes/${n.id}`} className="text-sky-700 hover:underline dark:text-sky-400">
                  {n.name}
                </Link>
                {n.maintenance && <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-800">maintenance</span>}
                {n.revoked && <span className="ml-2 rounded bg-red-100 px-1 text-xs text-red-800">token revoked</span>}
              </td>
              <td>
                {n.status}
                {n.status === "offline" && n.lastSeenAt && <div className="text-xs text-slate-500">since {new Date(n.lastSeenAt).toUTCString()}</div>}
              </td>
              <td className="text-xs">
                {n.agentVersion ?? "—"}
                <div className="text-slate-500">
                  {n.kernel ?? ""} {n.cgroupMode ?? ""}
                </div>
              </td>
              <td>{n.cpus ?? "—"}</td>
              <td>
                {formatBytes(n.usedRamBytes)} / {formatBytes(n.ramBytes * n.overcommitRam)} <span className="text-xs text-slate-500">(×{n.overcommitRam})</span>
              </td>
              <td>
                {formatBytes(n.usedDiskBytes)} / {formatBytes(n.diskBytes * n.overcommitDisk)} <span className="text-xs text-slate-500">(×{n.overcommitDisk})</span>
              </td>
              <td>{n.cts}</td>
              {admin && (
                <td>
                  <NodeActions id={n.id} maintenance={n.maintenance} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {nodes.length === 0 && <p className="text-slate-600">No nodes yet.</p>}

      {nodes.some((n) => n.orphans.length > 0) && (
        <section className="space-y-2">
          <h2 className="text-lg font-medium">Orphan CTs</h2>
          <p className="text-sm text-slate-600">Running on a node but unknown to the panel. They are never removed automatically.</p>
          <table className="w-full text-left text-sm">
            <tbody>
              {nodes.flatMap((n) =>
                n.orphans.map((o) => (
                  <tr key={o.id} className="border-b border-slate-100 dark:border-slate-800">
                    <td className="py-2">
                      {n.name} / CT {o.ctid}
                    </td>
                    <td>{o.hostname ?? "—"}</td>
                    <td>{o.status}</td>
                    <td>{o.ipAddresses.join(", ")}</td>
                    {admin && (
                      <td>
                        <OrphanActions id={o.id} tenants={tenants} />
                      </td>
                    )}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </section>
      )}

      {admin && (
        <section className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 className="mb-3 text-lg font-medium">Add node</h2>
          <AddNodeForm />
        </section>
      )}
    </main>
  );
}
