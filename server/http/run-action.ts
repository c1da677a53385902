// The body of every server action: the caller's Actor from the session, the
// data-access call, and the result or the one error envelope as a returned
// value (so forms can show it), never a thrown error.
import { revalidatePath } from "next/cache";
import type { Actor } from "@/server/access/actor";
import { actorFromSession } from "@/server/access/actor-from-session";
import { AppError, type ErrorBody } from "@/server/errors/app-error";
import { toErrorBody } from "@/server/errors/to-error-body";
import { plain } from "@/server/http/plain";

export type ActionResult<T = unknown> = { ok: true; data: T; at: number } | { ok: false; error: ErrorBody["error"]; at: number };

export async function runAction<T>(revalidate: string, fn: (actor: Actor) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const actor = await actorFromSession();
    if (!actor) throw new AppError("unauthorized", "Your session has ended. Log in again.");
    const data = plain(await fn(actor)) as T;
    revalidatePath(revalidate);
    return { ok: true, data, at: Date.now() };
  } catch (err) {
    return { ok: false, error: toErrorBody(err).body.error, at: Date.now() };
  }
}
