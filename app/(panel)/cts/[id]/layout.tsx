// A CT's page: header with its state and power buttons, then tabs. Each tab is
// a subroute (console, shell, charts, beancounters, settings, activity).
import { notFound } from "next/navigation";
import { requirePageActor } from "@/server/access/require-page-actor";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { ctView } from "@/server/cts/ct-view";
import { AppError } from "@/server/errors/app-error";
import { StateBadge } from "../state-badge";
import { PowerButtons } from "./power-buttons";
import { CopyButton } from "./copy-button";
import { CtTabs } from "./ct-tabs";
import { LiveCtState } from "./live-ct-state";

export default async function CtLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor();
  const ct = await getCtOrThrow(actor, id).then(ctView, (err) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const canAct = actor.role !== "support";
  return (
    <main className="mx-auto max-w-6xl p-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold" data-testid="ct-hostname">
            {ct.hostname}
          </h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            <StateBadge state={ct.state} /> CT {ct.ctid}
            {ct.addresses[0] && (
              <>
                <span className="font-mono">· {ct.addresses.map((a) => a.address).join(", ")}</span>
                <CopyButton value={ct.addresses[0].address} label={`Copy ${ct.addresses[0].address}`} />
              </>
            )}
          </p>
        </div>
        {canAct && <PowerButtons ctId={ct.id} state={ct.state} />}
      </div>
      <LiveCtState ctId={ct.id} state={ct.state} />
      <CtTabs ctId={ct.id} />
      <div className="mt-4">{children}</div>
    </main>
  );
}
