// A node's usage, density and top consumers, for a node page:
// `<NodeUsage actor={actor} nodeId={id} />` in a server component. There is
// no node detail route yet; the lead places this where it belongs.
import Link from "next/link";
import type { Actor } from "@/server/access/actor";
import { getNodeUsage } from "@/server/metrics/get-node-usage";
import { UsageBar } from "@/components/ui/usage-bar";
import { formatBytes } from "@/components/ui/format-bytes";

export async function NodeUsage({ actor, nodeId }: { actor: Actor; nodeId: string }) {
  const u = await getNodeUsage(actor, nodeId);
  return (
    <section aria-label={`Usage of ${u.node.name}`} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 className="text-lg font-semibold">Usage</h2>
      {u.now ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <UsageBar label="CPU (%)" used={Math.round(u.now.cpuPct ?? 0)} allowed={100} />
          <UsageBar label="RAM" used={u.now.memUsed ?? 0} allowed={u.now.memTotal} bytes />
        </div>
      ) : (
        <p className="text-sm text-slate-500">No live figures: the node&apos;s agent is not connected to this panel process.</p>
      )}
      <h3 className="font-medium">Density</h3>
      <p className="text-sm">
        {u.density.running} running of {u.density.cts} CTs · RAM committed {formatBytes(u.density.ramCommitted)}
        {u.density.ramPhysical !== null && ` of ${formatBytes(u.density.ramPhysical)} physical (${Math.round((u.density.ramCommitted / u.density.ramPhysical) * 100)}%)`}
      </p>
      {u.density.ramAllowed !== null && <UsageBar label="RAM committed" used={u.density.ramCommitted} allowed={u.density.ramAllowed} bytes />}
      <div className="grid gap-4 sm:grid-cols-2">
        {(
          [
            ["Top CPU", u.topCpu, (c: (typeof u.topCpu)[number]) => `${c.cpuPct.toFixed(1)}%`],
            ["Top RAM", u.topRam, (c: (typeof u.topRam)[number]) => formatBytes(c.ramBytes)],
          ] as const
        ).map(([title, list, fmt]) => (
          <div key={title}>
            <h3 className="font-medium">{title}</h3>
            {list.length === 0 ? (
              <p className="text-sm text-slate-500">No running CTs reporting.</p>
            ) : (
              <ol className="mt-1 space-y-1 text-sm">
                {list.map((c) => (
                  <li key={c.id} className="flex justify-between gap-2">
                    <Link href={`/cts/${c.id}/charts`} className="text-sky-700 hover:underline dark:text-sky-400">
                      {c.hostname}
                    </Link>
                    <span className="text-slate-500">{c.tenant}</span>
                    <span className="tabular-nums">{fmt(c)}</span>
                  </li>
                ))}
              </ol>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
