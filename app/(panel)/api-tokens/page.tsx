import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAdmin } from "@/server/access/actor";
import { listApiTokens } from "@/server/api-tokens/list-api-tokens";
import { requirePageActor } from "@/server/access/require-page-actor";
import { listTenants } from "@/server/tenants/list-tenants";
import { PageHeader } from "@/components/ui/page-header";
import { NewTokenForm, RevokeTokenButton } from "./token-forms";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const actor = await requirePageActor();
  if (actor.role === "member") notFound();
  const admin = isAdmin(actor);
  const [tokens, tenants] = await Promise.all([listApiTokens(actor), admin ? listTenants(actor) : Promise.resolve([])]);
  const canWrite = admin || actor.role === "owner";
  return (
    <main className="mx-auto max-w-5xl space-y-6 p-6">
      <PageHeader title="API tokens" />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Tokens let billing systems and scripts call <code>/api/v1</code> with <code>Authorization: Bearer …</code>. See the <a className="underline" href="/api/v1/openapi.json">OpenAPI document</a>.
      </p>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-500 dark:border-slate-800">
          <tr>
            <th className="py-2">Name</th>
            <th>Token</th>
            <th>Scope</th>
            <th>Created by</th>
            <th>Last used</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id} className="border-b border-slate-100 dark:border-slate-800">
              <td className="py-2">{t.name}</td>
              <td className="font-mono">{t.prefix}…</td>
              <td>{t.tenant?.name ?? "provider"}</td>
              <td>{t.createdBy.email}</td>
              <td>{t.lastUsedAt?.toISOString().slice(0, 16).replace("T", " ") ?? "never"}</td>
              <td>{t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt < new Date() ? "expired" : "active"}</td>
              <td>{canWrite && !t.revokedAt && <RevokeTokenButton id={t.id} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canWrite && (
        <section className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 className="mb-3 text-lg font-medium">New token</h2>
          <NewTokenForm tenants={admin ? tenants.map((t) => ({ id: t.id, name: t.name })) : undefined} />
        </section>
      )}
    </main>
  );
}
