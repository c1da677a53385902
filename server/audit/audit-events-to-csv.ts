// CSV export of audit rows (RFC 4180 quoting). Cells starting with = + - @ are
// prefixed with ' so a spreadsheet does not run them as formulas.
type Row = { id: string; at: Date; actorKind: string; actorEmail: string | null; actorId: string | null; tenantId: string | null; ctId: string | null; action: string; result: string; sourceIp: string | null; userAgent: string | null; changes: unknown; detail: string | null };

const COLUMNS = ["id", "at", "actor_kind", "actor_email", "actor_id", "tenant_id", "ct_id", "action", "result", "source_ip", "user_agent", "changes", "detail"];

function cell(v: unknown): string {
  let s = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : typeof v === "object" ? JSON.stringify(v) : String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditEventsToCsv(rows: Row[]): string {
  const lines = rows.map((r) =>
    [r.id, r.at, r.actorKind, r.actorEmail, r.actorId, r.tenantId, r.ctId, r.action, r.result, r.sourceIp, r.userAgent, r.changes, r.detail].map(cell).join(","),
  );
  return [COLUMNS.join(","), ...lines].join("\r\n") + "\r\n";
}
