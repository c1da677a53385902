// One node for staff: its facts (state, agent, kernel, cgroup mode,
// capacity), maintenance mode, live usage and density (NodeUsage), and the
// CTs placed on it.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isAdmin } from "@/server/access/actor";
import { requirePageActor } from "@/server/access/require-page-actor";
import { AppError } from "@/server/errors/app-error";
import { getNodeDetail } from "@/server/nodes/get-node-detail";
import { formatBytes } from "@/components/ui/format-bytes";
import { PageHeader } from "@/components/ui/page-header";
import { UsageBar } from "@/components/ui/usage-bar";
import { StateBadge } from "../../cts/state-badge";
import { NodeUsage } from "../node-usage";
import { MaintenanceToggle } from "./maintenance-toggle";

export const metadata: Metadata = { title: "Node" };
export const dynamic = "force-dynamic";

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

export default async function NodePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor();
  const node = await getNodeDetail(actor, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const stateLine =
    node.status === "online"
      ? `online${node.lastSeenAt ? `, last report ${utc(node.lastSeenAt)}` : ""}`
      : node.status === "offline"
        ? `offline${node.lastSeenAt ? ` since ${utc(node.lastSeenAt)}` : ""}`
        : "pending: its agent has not connected yet";
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 sm:p-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/nodes" className="text-sky-700 underline dark:text-sky-400">
          Nodes
        </Link>{" "}
        / {node.name}
      </nav>
      <PageHeader title={`Node ${node.name}`}>{isAdmin(actor) && <MaintenanceToggle id={node.id} maintenance={node.maintenance} />}</PageHeader>
      {node.maintenance && (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          In maintenance: no new CTs are placed here. Its CTs keep running.
        </p>
      )}
      {node.revoked && (
        <p role="note" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          This node&apos;s token is revoked: its agent cannot connect until you issue a new token on the Nodes page.
        </p>
      )}

      <section aria-labelledby="facts" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="facts" className="mb-3 text-lg font-semibold">
          Facts
        </h2>
        <dl className="grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4" data-testid="node-facts">
          <Fact label="State">
            <span data-testid="node-state">{stateLine}</span>
          </Fact>
          <Fact label="Agent version">{node.agentVersion ?? "—"}</Fact>
          <Fact label="Kernel">{node.kernel ?? "—"}</Fact>
          <Fact label="cgroup mode">{node.cgroupMode ?? "—"}</Fact>
          <Fact label="CPUs">{node.cpus ?? "—"}</Fact>
          <Fact label="RAM">{formatBytes(node.ramBytes)} physical, overcommit ×{node.overcommitRam}</Fact>
          <Fact label="Disk">{formatBytes(node.diskBytes)}, overcommit ×{node.overcommitDisk}</Fact>
          <Fact label="Added">{utc(node.createdAt)}</Fact>
        </dl>
        <div className="mt-4 grid gap-3 sm:grid-cols-2">
          <UsageBar label="RAM placed" used={node.usedRamBytes} allowed={node.ramBytes ? node.ramBytes * node.overcommitRam : null} bytes />
          <UsageBar label="Disk placed" used={node.usedDiskBytes} allowed={node.diskBytes ? node.diskBytes * node.overcommitDisk : null} bytes />
        </div>
        {node.orphans > 0 && (
          <p className="mt-3 text-sm">
            {node.orphans} orphan {node.orphans === 1 ? "CT" : "CTs"} on this node: see{" "}
            <Link href="/nodes" className="text-sky-700 underline dark:text-sky-400">
              Orphan CTs
            </Link>
            .
          </p>
        )}
      </section>

      <NodeUsage actor={actor} nodeId={node.id} />

      <section aria-labelledby="node-cts" className="space-y-2">
        <h2 id="node-cts" className="text-lg font-semibold">
          CTs on this node <span className="text-sm font-normal text-slate-500 dark:text-slate-400">({node.ctTotal})</span>
        </h2>
        {node.cts.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400" data-testid="node-cts-empty">
            No CTs are placed on this node yet.
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <table className="w-full text-left text-sm" data-testid="node-cts">
              <thead className="border-b border-slate-200 text-slate-500 dark:border-slate-800 dark:text-slate-400">
                <tr>
                  <th className="px-4 py-2 font-medium">CTID</th>
                  <th className="px-4 py-2 font-medium">Hostname</th>
                  <th className="px-4 py-2 font-medium">State</th>
                  <th className="px-4 py-2 font-medium">Tenant</th>
                  <th className="px-4 py-2 font-medium">Plan</th>
                  <th className="px-4 py-2 font-medium">RAM</th>
                  <th className="px-4 py-2 font-medium">IP</th>
                </tr>
              </thead>
              <tbody>
                {node.cts.map((ct) => (
                  <tr key={ct.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                    <td className="px-4 py-2 tabular-nums">{ct.ctid}</td>
                    <td className="px-4 py-2">
                      <Link href={`/cts/${ct.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                        {ct.hostname}
                      </Link>
                    </td>
                    <td className="px-4 py-2">
                      <StateBadge state={ct.state} />
                    </td>
                    <td className="px-4 py-2">{ct.tenantName}</td>
                    <td className="px-4 py-2">{ct.planName ?? "—"}</td>
                    <td className="px-4 py-2 tabular-nums">{formatBytes(ct.ramBytes)}</td>
                    <td className="px-4 py-2 font-mono text-xs">{ct.addresses.map((a) => a.address).join(", ") || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {node.ctTotal > node.cts.length && <p className="text-sm text-slate-600 dark:text-slate-400">Showing the first {node.cts.length} by CTID. Search the Containers page for the rest.</p>}
      </section>
    </main>
  );
}
