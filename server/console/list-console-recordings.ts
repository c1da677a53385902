// Recorded support sessions of a CT, for its customer and the provider's
// admins (support staff do not browse recordings of each other).
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { db } from "@/server/db/client";

export type ConsoleRecordingView = { id: string; userEmail: string; userName: string; reason: string | null; startedAt: string; endedAt: string | null };

export async function listConsoleRecordings(actor: Actor, ctId: string): Promise<ConsoleRecordingView[]> {
  assertRole(actor, ["admin", "owner", "member"], "recording");
  const ct = await getCtOrThrow(actor, ctId);
  const rows = await db().consoleSession.findMany({
    where: { ctId: ct.id, recordingPath: { not: null } },
    orderBy: { startedAt: "desc" },
    take: 50,
    include: { user: { select: { email: true, name: true } } },
  });
  return rows.map((r) => ({ id: r.id, userEmail: r.user.email, userName: r.user.name, reason: r.reason, startedAt: r.startedAt.toISOString(), endedAt: r.endedAt?.toISOString() ?? null }));
}
