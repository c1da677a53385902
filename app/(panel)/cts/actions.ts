"use server";
// Server actions for CT power buttons: the error comes back as a value so the
// button can show the sentence (STYLE.md §2).
import { z } from "zod";
import { actorFromSession } from "@/server/access/actor-from-session";
import { CT_ACTIONS, requestCtAction } from "@/server/cts/request-ct-action";
import { AppError } from "@/server/errors/app-error";
import { toErrorBody } from "@/server/errors/to-error-body";
import type { ErrorBody } from "@/server/errors/app-error";
import type { TaskView } from "@/server/tasks/task-view";

const Input = z.object({ ctId: z.string().min(1).max(64), action: z.enum(CT_ACTIONS) });

export type CtActionResult = { task?: TaskView; error?: ErrorBody["error"] };

export async function runCtAction(ctId: string, action: string): Promise<CtActionResult> {
  try {
    const actor = await actorFromSession();
    if (!actor) throw new AppError("unauthorized", "Your session has ended. Log in again.");
    const input = Input.parse({ ctId, action });
    return { task: await requestCtAction(actor, input.ctId, input.action) };
  } catch (err) {
    return { error: toErrorBody(err).body.error };
  }
}
