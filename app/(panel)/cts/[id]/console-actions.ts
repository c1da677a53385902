"use server";
// Issues the one-time ticket a terminal tab presents on the /console socket.
// The ticket is returned to the page only; it never reaches a log line.
import { actorFromSession } from "@/server/access/actor-from-session";
import { issueConsoleTicket } from "@/server/console/issue-console-ticket";
import { AppError, type ErrorBody } from "@/server/errors/app-error";
import { toErrorBody } from "@/server/errors/to-error-body";

export type ConsoleTicketResult = { ticket?: string; error?: ErrorBody["error"] };

export async function openConsoleTicket(ctId: string, kind: "console" | "shell", reason?: string): Promise<ConsoleTicketResult> {
  try {
    const actor = await actorFromSession();
    if (!actor) throw new AppError("unauthorized", "Your session has ended. Log in again.");
    const { ticket } = await issueConsoleTicket(actor, { ctId, kind, reason });
    return { ticket };
  } catch (err) {
    return { error: toErrorBody(err).body.error };
  }
}
