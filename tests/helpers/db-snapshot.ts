// A fingerprint of the tenant data, to prove a refused call changed nothing.
// Left out: the audit trail (refusals are recorded on purpose), sessions and
// rate-limit counters (touched by every login), and columns the task runner
// or token use move on their own.
import { db } from "@/server/db/client";

const TABLES: Record<string, string> = {
  tenant: "id, name, slug, status, quota_cts, quota_ram_bytes, quota_disk_bytes, quota_cpus, quota_ipv4, quota_ipv6, webhook_url",
  user: "id, email, name, role, tenant_id, disabled",
  account: "id, user_id, password",
  plan: "id, name, ram_bytes, disk_bytes, archived",
  ct: "id, tenant_id, plan_id, hostname, ram_bytes, disk_bytes",
  ip_pool: "id, name, cidr",
  ip_address: "id, address, ct_id, reverse_dns",
  api_token: "id, name, tenant_id, revoked_at",
  node: "id, name, token_hash, maintenance, overcommit_ram, overcommit_disk",
  orphan_ct: "id, node_id, ct_number",
};

export async function dbSnapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, cols] of Object.entries(TABLES)) {
    const rows = await db().$queryRawUnsafe<{ h: string | null; n: bigint }[]>(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h, count(*) AS n FROM (SELECT ${cols} FROM "${table}") x`);
    out[table] = `${rows[0]?.n}:${rows[0]?.h}`;
  }
  out.task = String((await db().task.count()));
  return out;
}
