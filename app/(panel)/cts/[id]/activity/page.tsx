import { requirePageActor } from "@/server/access/require-page-actor";
import { listCtActivity } from "@/server/cts/list-ct-activity";

const TONE: Record<string, string> = { succeeded: "text-emerald-700 dark:text-emerald-400", failed: "text-red-700 dark:text-red-400", success: "text-emerald-700 dark:text-emerald-400", failure: "text-red-700 dark:text-red-400" };

export default async function CtActivityPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor();
  const { tasks, events } = await listCtActivity(actor, id);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section aria-labelledby="tasks" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="tasks" className="font-medium">
          Tasks
        </h2>
        {tasks.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">No tasks yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="ct-tasks">
            {tasks.map((t) => (
              <li key={t.id} className="py-2">
                <span className="font-medium">{t.kind}</span> <span className={TONE[t.status] ?? ""}>{t.status}</span>
                {t.status === "running" && <span> {t.progress}%</span>}
                <span className="float-right text-xs text-slate-500">{new Date(t.createdAt).toUTCString()}</span>
                {t.error && <p className="text-xs text-red-700 dark:text-red-400">{t.error}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {actor.role !== "member" && (
        <section aria-labelledby="audit" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="audit" className="font-medium">
            Audit trail
          </h2>
          {events.length === 0 ? (
            <p className="mt-2 text-sm text-slate-500">No events yet.</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100 text-sm dark:divide-slate-800">
              {events.map((e) => (
                <li key={e.id} className="py-2">
                  <span className="font-mono text-xs">{e.action}</span> <span className={TONE[e.result] ?? ""}>{e.result}</span> by {e.actor}
                  <span className="float-right text-xs text-slate-500">{new Date(e.at).toUTCString()}</span>
                  {e.detail && <p className="text-xs text-slate-500">{e.detail}</p>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
