// The console part of the /agents protocol. Terminal bytes travel tagged with
// a session id (`console:input` panel -> agent, `console:data` agent -> panel),
// as binary socket.io payloads or, between a panel and agent that both said so
// in the hello, small chunks as latin1 text (console-wire-chunk.ts);
// everything else is a small JSON message parsed with these schemas on the
// receiving side.
import { z } from "zod";

const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/;
export const ConsoleSessionId = z.string().regex(SESSION_ID);
// The same check without zod, for the id on every chunk of terminal bytes:
// a safeParse costs a few µs of each keystroke's round trip, this a regex test.
export const isConsoleSessionId = (x: unknown): x is string => typeof x === "string" && SESSION_ID.test(x);

export const TermSize = { cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) };

export const ConsoleKind = z.enum(["console", "shell"]);
export type ConsoleKind = z.infer<typeof ConsoleKind>;

// Opens the session, or re-attaches when the agent still holds it; the reply
// carries the session's scrollback ring to replay.
export const ConsoleOpenMessage = z.strictObject({
  sessionId: ConsoleSessionId,
  ctid: z.number().int().min(1).max(2_147_483_647),
  kind: ConsoleKind,
  ...TermSize,
  // Ends the session after this long without a viewer.
  idleMs: z.number().int().min(0).max(24 * 3600_000),
  // Only re-attach: never start a new process.
  attachOnly: z.boolean().default(false),
});
export type ConsoleOpenMessage = z.input<typeof ConsoleOpenMessage>;
export type ConsoleOpenReply = { created: boolean; replay: Buffer };

export const ConsoleResizeMessage = z.strictObject({ sessionId: ConsoleSessionId, ...TermSize });
// The panel has no viewer left for the session: its idle clock starts.
export const ConsoleDetachMessage = z.strictObject({ sessionId: ConsoleSessionId });
export const ConsoleCloseMessage = z.strictObject({ sessionId: ConsoleSessionId });
// Flow control: the panel has passed this many more bytes on to its viewers.
export const ConsoleAckMessage = z.strictObject({ sessionId: ConsoleSessionId, bytes: z.number().int().min(0).max(1 << 30) });
export const ConsoleExitMessage = z.strictObject({ sessionId: ConsoleSessionId, exitCode: z.number().int().nullable(), reason: z.string().max(200) });
export type ConsoleExitMessage = z.infer<typeof ConsoleExitMessage>;

// The agent stops reading a session's pty once this many bytes are sent and not
// yet acknowledged by the panel, so a slow browser holds back its own CT only.
export const CONSOLE_WINDOW_BYTES = 2 * 1024 * 1024;
// Largest binary input chunk accepted in one message.
export const CONSOLE_MAX_INPUT_BYTES = 64 * 1024;
