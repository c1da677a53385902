// A tenant's quota usage as used-versus-allowed bars.
import { UsageBar } from "@/components/ui/usage-bar";

type Item = { key: string; label: string; used: number; allowed: number | null };

export function QuotaBars({ items }: { items: Item[] }) {
  return (
    <section aria-label="Quota usage" className="grid gap-4 rounded-lg border border-slate-200 p-4 md:grid-cols-2 dark:border-slate-800" data-testid="quota-bars">
      {items.map((i) => (
        <UsageBar key={i.key} label={i.label} used={i.used} allowed={i.allowed} bytes={i.key.endsWith("Bytes")} />
      ))}
    </section>
  );
}

