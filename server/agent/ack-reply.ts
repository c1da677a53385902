// Runs a handler and answers its socket.io acknowledgement with the one reply
// shape (AckReply): the value, or the error code and customer-facing message.
import type { ZodType } from "zod";
import type { AckReply } from "@/server/agent/agent-messages";
import { AppError } from "@/server/errors/app-error";

export function ackReply<I, O>(schema: ZodType<I>, handler: (input: I) => Promise<O> | O, onRefused?: (issues: string) => void) {
  return async (raw: unknown, ack?: unknown) => {
    const reply = (r: AckReply<O>) => {
      if (typeof ack === "function") ack(r);
    };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(message)"}: ${i.message}`).join("; ").slice(0, 500);
      onRefused?.(issues);
      return reply({ ok: false, error: { code: "bad_request", message: "The message is malformed and was refused.", detail: issues } });
    }
    try {
      reply({ ok: true, value: await handler(parsed.data) });
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError("internal", "The operation failed on the other side.", { detail: err instanceof Error ? err.message : String(err) });
      reply({ ok: false, error: { code: e.code, message: e.message, ...(e.opts.detail ? { detail: e.opts.detail } : {}) } });
    }
  };
}
