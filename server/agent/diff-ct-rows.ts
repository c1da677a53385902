// What changed in the node's CT list since the last report: rows whose
// content differs (or are new) and CTIDs no longer listed. Rows compare by
// their JSON, which is also what the previous report kept.
import type { CtRow } from "@/server/agent/agent-messages";

export type CtRowDiff = { seen: Map<number, string>; changed: CtRow[]; gone: number[] };

export function diffCtRows(last: ReadonlyMap<number, string>, rows: CtRow[]): CtRowDiff {
  const seen = new Map<number, string>();
  const changed: CtRow[] = [];
  for (const r of rows) {
    const text = JSON.stringify(r);
    seen.set(r.ctid, text);
    if (last.get(r.ctid) !== text) changed.push(r);
  }
  const gone = [...last.keys()].filter((id) => !seen.has(id));
  return { seen, changed, gone };
}
