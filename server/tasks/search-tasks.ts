// Tasks the caller may see (staff all, customers their tenant's), newest
// first, filtered in the database and paged by an opaque keyset cursor, so a
// long history never loads at once and new tasks do not shift the pages.
import { z } from "zod";
import type { Actor } from "@/server/access/actor";
import { tenantScope } from "@/server/access/tenant-scope";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import type { Prisma } from "@/server/generated/prisma/client";
import { taskView, type TaskView } from "@/server/tasks/task-view";

const STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
const id = z.string().min(1).max(64);

export const SearchTasksInput = z
  .strictObject({
    status: z.enum(STATUSES).optional(),
    kind: z.string().regex(/^[a-z][a-z-]{0,31}$/, "a task kind such as start or migrate").optional(),
    ctId: id.optional(),
    nodeId: id.optional(),
    tenantId: id.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional().describe("nextCursor of the previous page"),
  })
  .meta({ id: "SearchTasksInput" });
export type SearchTasksInput = z.input<typeof SearchTasksInput>;

// The cursor names the last task of a page: its creation time and id.
const encode = (t: { createdAt: Date; id: string }) => Buffer.from(`${t.createdAt.toISOString()}|${t.id}`).toString("base64url");

function decode(cursor: string): { createdAt: Date; id: string } {
  const [at, tid] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(at ?? "");
  if (!tid || Number.isNaN(createdAt.getTime()))
    throw new AppError("bad_request", "Check cursor: pass the nextCursor of a previous page unchanged.", { fields: [{ path: "cursor", message: "is not a cursor this API made" }] });
  return { createdAt, id: tid };
}

export async function searchTasks(actor: Actor, raw: SearchTasksInput = {}): Promise<{ tasks: TaskView[]; nextCursor: string | null }> {
  const f = SearchTasksInput.parse(raw);
  const after = f.cursor ? decode(f.cursor) : null;
  const where: Prisma.TaskWhereInput = {
    ...(f.tenantId ? { tenantId: f.tenantId } : {}),
    ...tenantScope(actor),
    ...(f.status ? { status: f.status.toUpperCase() as Prisma.TaskWhereInput["status"] } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.ctId ? { ctId: f.ctId } : {}),
    ...(f.nodeId ? { nodeId: f.nodeId } : {}),
    ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
  };
  const rows = await db().task.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return { tasks: page.map(taskView), nextCursor: rows.length > f.limit && last ? encode(last) : null };
}
