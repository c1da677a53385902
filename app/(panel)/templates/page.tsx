// Templates (admins): each node's template caches as its agent reports them,
// a build of corralctl's own templates with live progress, and an import of a
// rootfs tarball uploaded from the browser.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/server/access/require-page-actor";
import { listNodeTemplates } from "@/server/templates/list-node-templates";
import { TEMPLATE_UPLOAD_MAX_BYTES } from "@/server/templates/template-name";
import { PageHeader } from "@/components/ui/page-header";
import { BuildTemplateForm } from "./build-template-form";
import { ImportTemplateForm } from "./import-template-form";
import { TemplateTable } from "./template-table";

export const metadata: Metadata = { title: "Templates" };
export const dynamic = "force-dynamic";

export default async function TemplatesPage() {
  const actor = await requirePageActor();
  if (actor.role !== "admin") notFound();
  const nodes = await listNodeTemplates(actor);
  const online = nodes.filter((n) => n.node.status === "online").map((n) => ({ id: n.node.id, name: n.node.name, templates: n.templates.map((t) => t.name) }));
  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 sm:p-6">
      <PageHeader title="Templates" />
      <p className="text-sm text-slate-600 dark:text-slate-400">OS templates are kept per node. A CT can only be created from a template its node holds.</p>
      {nodes.length === 0 ? (
        <section className="rounded-lg border border-dashed border-slate-300 p-10 text-center dark:border-slate-700" data-testid="templates-empty">
          <h2 className="text-lg font-medium">No nodes yet</h2>
          <p className="mt-1 text-slate-600 dark:text-slate-400">Add a node on the Nodes page; its templates show up here once its agent connects.</p>
        </section>
      ) : (
        nodes.map((n) => <TemplateTable key={n.node.id} entry={n} />)
      )}
      {online.length > 0 && (
        <div className="grid gap-6 lg:grid-cols-2">
          <BuildTemplateForm nodes={online} />
          <ImportTemplateForm nodes={online} maxBytes={TEMPLATE_UPLOAD_MAX_BYTES} />
        </div>
      )}
    </main>
  );
}
