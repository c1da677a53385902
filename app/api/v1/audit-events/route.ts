// GET /api/v1/audit-events - the audit log as JSON, or CSV with ?format=csv
import { auditEventsToCsv } from "@/server/audit/audit-events-to-csv";
import { listAuditEvents } from "@/server/audit/list-audit-events";
import { apiRoute } from "@/server/http/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/audit-events", async ({ actor, query }) => {
  const { format, ...filter } = query;
  const rows = await listAuditEvents(actor, filter);
  if (format !== "csv") return rows;
  return new Response(auditEventsToCsv(rows), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="corral-audit-${new Date().toISOString().slice(0, 10)}.csv"`, "cache-control": "no-store" },
  });
});
