// One recorded support session (asciicast v2 text) for the in-browser player.
import fs from "node:fs";
import path from "node:path";
import type { Actor } from "@/server/access/actor";
import { assertRole } from "@/server/access/assert-role";
import { notFound } from "@/server/access/not-found";
import { getConfig } from "@/server/config";
import { getCtOrThrow } from "@/server/cts/get-ct-or-throw";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";

const MAX_BYTES = 20 * 1024 * 1024;

export async function readConsoleRecording(actor: Actor, ctId: string, sessionId: string) {
  assertRole(actor, ["admin", "owner", "member"], "recording");
  const ct = await getCtOrThrow(actor, ctId);
  const row = await db().consoleSession.findFirst({ where: { id: sessionId, ctId: ct.id, recordingPath: { not: null } }, include: { user: { select: { email: true, name: true } } } });
  if (!row?.recordingPath) throw notFound("recording");
  // Only files under the panel's own recordings directory are ever read.
  const dir = path.resolve(getConfig().CORRAL_STATE_DIR, "recordings");
  const file = path.resolve(row.recordingPath);
  if (!file.startsWith(dir + path.sep) || !fs.existsSync(file)) throw notFound("recording");
  if (fs.statSync(file).size > MAX_BYTES) throw new AppError("payload_too_large", "This recording is too large to replay in the browser.");
  return { cast: fs.readFileSync(file, "utf8"), userEmail: row.user.email, userName: row.user.name, reason: row.reason, startedAt: row.startedAt.toISOString() };
}
