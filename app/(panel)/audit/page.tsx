import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/server/access/require-page-actor";
import { AuditFilter } from "@/server/audit/audit-filter";
import { listAuditEvents } from "@/server/audit/list-audit-events";
import { PageHeader } from "@/components/ui/page-header";
import { TextInput } from "@/components/ui/text-input";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor();
  if (actor.role === "member") notFound();
  const raw = await searchParams;
  const parsed = AuditFilter.safeParse(Object.fromEntries(Object.entries(raw).filter(([k, v]) => v && k in AuditFilter.shape)));
  const filter = parsed.success ? parsed.data : {};
  const events = await listAuditEvents(actor, filter);
  const csv = new URLSearchParams({ ...(Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, String(v)])) as Record<string, string>), format: "csv" });
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-6">
      <PageHeader title="Audit log">
        <a href={`/api/v1/audit-events?${csv}`} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
          Export CSV
        </a>
      </PageHeader>
      <form className="grid grid-cols-2 items-end gap-3 md:grid-cols-5" aria-label="Filter">
        <TextInput label="Action starts with" name="action" defaultValue={raw.action} placeholder="ct." />
        <TextInput label="Actor email" name="actor" defaultValue={raw.actor} />
        <label className="block text-sm">
          <span className="font-medium">Result</span>
          <select name="result" defaultValue={raw.result ?? ""} className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900">
            <option value="">any</option>
            <option value="success">success</option>
            <option value="failure">failure</option>
          </select>
        </label>
        <TextInput label="CT id" name="ctId" defaultValue={raw.ctId} />
        <button type="submit" className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
          Filter
        </button>
      </form>
      <table className="w-full text-left text-xs">
        <thead className="border-b border-slate-200 text-slate-500 dark:border-slate-800">
          <tr>
            <th className="py-2">Time (UTC)</th>
            <th>Actor</th>
            <th>Action</th>
            <th>Result</th>
            <th>Tenant</th>
            <th>CT</th>
            <th>Source IP</th>
            <th>Changes</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} className="border-b border-slate-100 align-top dark:border-slate-800">
              <td className="py-1 whitespace-nowrap">{e.at.toISOString().replace("T", " ").slice(0, 19)}</td>
              <td>{e.actorEmail ?? `${e.actorKind} ${e.actorId ?? ""}`}</td>
              <td className="font-mono">{e.action}</td>
              <td className={e.result === "failure" ? "text-red-600" : ""}>{e.result}</td>
              <td className="font-mono">{e.tenantId?.slice(0, 8) ?? "—"}</td>
              <td className="font-mono">{e.ctId?.slice(0, 8) ?? "—"}</td>
              <td>{e.sourceIp ?? "—"}</td>
              <td className="max-w-xs break-all font-mono">{e.changes ? JSON.stringify(e.changes) : ""}{e.detail ? ` — ${e.detail}` : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.length === 0 && <p className="text-slate-600">No events match.</p>}
    </main>
  );
}
