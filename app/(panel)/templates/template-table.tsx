// One node's template caches: name, OS, init, archive format, size, when built.
import { formatBytes } from "@/components/ui/format-bytes";
import type { NodeTemplates } from "@/server/templates/list-node-templates";

export function TemplateTable({ entry }: { entry: NodeTemplates }) {
  const { node, templates, error } = entry;
  const headingId = `templates-${node.id}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" data-testid={`templates-node-${node.name}`}>
      <h2 id={headingId} className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2 font-medium dark:border-slate-800">
        {node.name}
        <span className="text-xs font-normal text-slate-500 dark:text-slate-400">{node.status}</span>
        {node.maintenance && <span className="rounded bg-amber-100 px-1 text-xs font-normal text-amber-900 dark:bg-amber-900 dark:text-amber-100">maintenance</span>}
      </h2>
      {error ? (
        <p role="status" className="px-4 py-3 text-sm text-slate-600 dark:text-slate-400">
          {error}
        </p>
      ) : templates.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-600 dark:text-slate-400">No templates on this node yet. Build busybox below to get a first one in a second.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500 dark:text-slate-400">
              <tr>
                <th className="px-4 py-2 font-medium">Name</th>
                <th className="px-4 py-2 font-medium">OS</th>
                <th className="px-4 py-2 font-medium">Init</th>
                <th className="px-4 py-2 font-medium">Format</th>
                <th className="px-4 py-2 font-medium">Size</th>
                <th className="px-4 py-2 font-medium">Created</th>
              </tr>
            </thead>
            <tbody>
              {templates.map((t) => (
                <tr key={t.name} className="border-t border-slate-100 dark:border-slate-800" data-testid={`template-${t.name}`}>
                  <td className="px-4 py-2 font-mono">{t.name}</td>
                  <td className="px-4 py-2">{t.os}</td>
                  <td className="px-4 py-2">{t.init}</td>
                  <td className="px-4 py-2">{t.format}</td>
                  <td className="px-4 py-2 tabular-nums">{formatBytes(t.size)}</td>
                  <td className="px-4 py-2">
                    <time dateTime={new Date(t.created * 1000).toISOString()}>{new Date(t.created * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
