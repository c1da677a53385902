// What a browser asks for when it wants a console ticket.
import { z } from "zod";

export const IssueConsoleTicketInput = z.strictObject({
  ctId: z.string().min(1).max(64),
  kind: z.enum(["console", "shell"]),
  // Support staff state why they attach; shown to the customer and audited.
  reason: z.string().trim().min(3, "at least 3 characters").max(500).optional(),
});
export type IssueConsoleTicketInput = z.input<typeof IssueConsoleTicketInput>;

// A ticket lives this long: enough to open the socket, too short to be replayed later.
export const CONSOLE_TICKET_TTL_MS = 30_000;
