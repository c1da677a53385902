import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/access/require-page-actor";
import { searchCts, SearchCtsInput } from "@/server/cts/search-cts";
import { CtsTable, type SortHeader } from "./cts-table";

export const metadata: Metadata = { title: "Containers" };

type Params = Record<string, string | undefined>;

// Keeps the other query parameters when one changes (sort, page).
function hrefWith(params: Params, change: Params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...change })) if (v) q.set(k, v);
  return `/cts?${q}`;
}

export default async function CtsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const actor = await requirePageActor();
  const parsed = SearchCtsInput.safeParse(params);
  const filter = parsed.success ? parsed.data : SearchCtsInput.parse({});
  const { cts, total, page, pageSize } = await searchCts(actor, filter);
  const staff = actor.role === "admin" || actor.role === "support";
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const headers: SortHeader[] = (
    [
      ["hostname", "Hostname"],
      ["ctid", "CTID"],
      ["state", "State"],
    ] as const
  ).map(([key, label]) => ({
    key,
    label,
    href: hrefWith(params, { sort: key, dir: filter.sort === key && filter.dir === "asc" ? "desc" : "asc", page: undefined }),
    sort: filter.sort === key ? (filter.dir === "asc" ? "ascending" : "descending") : undefined,
  }));
  return (
    <main className="mx-auto max-w-6xl p-6">
      <h1 className="text-2xl font-semibold">Containers</h1>
      <form method="get" className="mt-4 flex flex-wrap items-end gap-2" role="search">
        <label className="text-sm">
          <span className="sr-only">Search</span>
          <input
            name="q"
            defaultValue={filter.q}
            placeholder={staff ? "CTID, IP, hostname or tenant" : "CTID, IP or hostname"}
            className="w-72 rounded-md border border-slate-300 bg-white px-3 py-1.5 dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <label className="text-sm">
          <span className="sr-only">State</span>
          <select name="state" defaultValue={filter.state ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900">
            <option value="">All states</option>
            {["running", "stopped", "suspended", "creating", "error", "missing"].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
          Search
        </button>
        <span className="ml-auto text-sm text-slate-500" data-testid="cts-total">
          {total} {total === 1 ? "container" : "containers"}
        </span>
      </form>
      {cts.length === 0 ? (
        <section className="mt-6 rounded-lg border border-dashed border-slate-300 p-10 text-center dark:border-slate-700" data-testid="cts-empty">
          <h2 className="text-lg font-medium">{filter.q || filter.state ? "Nothing matches" : "No containers yet"}</h2>
          <p className="mt-1 text-slate-600 dark:text-slate-400">
            {filter.q || filter.state ? "Try another search, or clear the filters." : "Containers created for this account appear here."}
          </p>
        </section>
      ) : (
        <CtsTable cts={cts} headers={headers} staff={staff} canAct={actor.role !== "support"} />
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex items-center justify-end gap-3 text-sm">
          {page > 1 && <Link href={hrefWith(params, { page: String(page - 1) })}>← Previous</Link>}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && <Link href={hrefWith(params, { page: String(page + 1) })}>Next →</Link>}
        </nav>
      )}
    </main>
  );
}
