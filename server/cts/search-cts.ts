// The CT table behind /cts: tenant-scoped, filtered, sorted and paged in the
// database so it stays fast with thousands of CTs. One search box finds a CT by
// CTID, IP address, hostname or (for staff) tenant name.
import { z } from "zod";
import type { Actor } from "@/server/access/actor";
import { isStaff } from "@/server/access/actor";
import { tenantScope } from "@/server/access/tenant-scope";
import { ctView } from "@/server/cts/ct-view";
import { db } from "@/server/db/client";
import type { Prisma } from "@/server/generated/prisma/client";

const SORTS = ["hostname", "ctid", "state", "created"] as const;

export const SearchCtsInput = z.object({
  q: z.string().trim().max(200).optional(),
  state: z.enum(["creating", "stopped", "starting", "running", "stopping", "suspended", "migrating", "destroying", "error", "missing"]).optional(),
  nodeId: z.string().min(1).max(64).optional(),
  tenantId: z.string().min(1).max(64).optional().describe("staff only; customers always get their own tenant"),
  sort: z.enum(SORTS).default("created"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type SearchCtsInput = z.input<typeof SearchCtsInput>;

function searchWhere(q: string, staff: boolean): Prisma.CtWhereInput {
  const or: Prisma.CtWhereInput[] = [{ hostname: { contains: q, mode: "insensitive" } }, { ipAddresses: { some: { address: { startsWith: q } } } }];
  if (/^\d{1,10}$/.test(q) && Number(q) <= 2_147_483_647) or.push({ ctid: Number(q) });
  if (staff) or.push({ tenant: { name: { contains: q, mode: "insensitive" } } });
  return { OR: or };
}

export async function searchCts(actor: Actor, raw: SearchCtsInput = {}) {
  const f = SearchCtsInput.parse(raw);
  const where: Prisma.CtWhereInput = {
    ...(f.tenantId ? { tenantId: f.tenantId } : {}),
    ...tenantScope(actor),
    ...(f.nodeId ? { nodeId: f.nodeId } : {}),
    ...(f.state ? { state: f.state.toUpperCase() as Prisma.CtWhereInput["state"] } : {}),
    ...(f.q ? searchWhere(f.q, isStaff(actor)) : {}),
  };
  const orderBy: Prisma.CtOrderByWithRelationInput =
    f.sort === "created" ? { createdAt: f.dir } : f.sort === "ctid" ? { ctid: f.dir } : f.sort === "state" ? { state: f.dir } : { hostname: f.dir };
  const [total, rows] = await Promise.all([
    db().ct.count({ where }),
    db().ct.findMany({
      where,
      orderBy: [orderBy, { id: "asc" }],
      skip: (f.page - 1) * f.pageSize,
      take: f.pageSize,
      include: { ipAddresses: true, node: { select: { name: true } }, plan: { select: { name: true } }, tenant: { select: { name: true } } },
    }),
  ]);
  return { total, page: f.page, pageSize: f.pageSize, cts: rows.map(ctView) };
}
