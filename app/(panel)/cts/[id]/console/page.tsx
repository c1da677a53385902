// The CT's persistent console (the monitor's scrollback replays on attach; it
// works while the CT is stopped). Support staff state a reason first.
import Link from "next/link";
import { requirePageActor } from "@/server/access/require-page-actor";
import { listConsoleRecordings } from "@/server/console/list-console-recordings";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { CtTerminal } from "../ct-terminal";

export default async function ConsolePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ reason?: string }> }) {
  const { id } = await params;
  const { reason } = await searchParams;
  const actor = await requirePageActor();
  const ct = await getCtOrThrow(actor, id);
  const support = actor.role === "support";
  const cleanReason = reason?.trim().slice(0, 500);
  if (support && (!cleanReason || cleanReason.length < 3)) {
    return (
      <form method="get" className="max-w-xl space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <p className="text-sm">The customer will see your name and this reason while you view their console, and the session is recorded.</p>
        <label className="block text-sm font-medium" htmlFor="reason">
          Reason
        </label>
        <input id="reason" name="reason" required minLength={3} maxLength={500} className="w-full rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900" placeholder="Ticket number and what you check" />
        <button type="submit" className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
          Attach read-only
        </button>
      </form>
    );
  }
  const recordings = support ? [] : await listConsoleRecordings(actor, ct.id);
  return (
    <div className="space-y-6">
      <CtTerminal ctId={ct.id} kind="console" role={actor.role} myEmail={actor.email} reason={support ? cleanReason : undefined} />
      {recordings.length > 0 && (
        <section>
          <h2 className="text-sm font-semibold">Recorded support sessions</h2>
          <ul className="mt-2 space-y-1 text-sm" data-testid="recordings">
            {recordings.map((r) => (
              <li key={r.id}>
                <Link className="text-sky-700 underline dark:text-sky-400" href={`/cts/${ct.id}/recordings/${r.id}`}>
                  {new Date(r.startedAt).toUTCString()} · {r.userName} ({r.userEmail})
                </Link>
                {r.reason && <span className="text-slate-500"> · {r.reason}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
