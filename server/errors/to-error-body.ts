// Maps any thrown value to the one wire shape. Unknown errors never leak their message.
import { ZodError } from "zod";
import { AppError, ERROR_STATUS, type ErrorBody } from "@/server/errors/app-error";
import { moduleLogger } from "@/server/logger";

const log = moduleLogger("errors");

export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    const { detail, fields } = err.opts;
    return {
      status: ERROR_STATUS[err.code],
      body: { error: { code: err.code, message: err.message, ...(detail ? { detail } : {}), ...(fields ? { fields } : {}) } },
    };
  }
  if (err instanceof ZodError) {
    // An unknown field is named by its own path, so the caller sees which field to drop.
    const fields = err.issues.flatMap((i) =>
      i.code === "unrecognized_keys"
        ? i.keys.map((k) => ({ path: [...i.path, k].join("."), message: "is not a known field" }))
        : [{ path: i.path.join(".") || "(body)", message: i.message }],
    );
    const first = fields[0];
    return {
      status: 400,
      body: { error: { code: "bad_request", message: first ? `Check ${first.path}: ${first.message}.` : "The request is not valid.", fields } },
    };
  }
  log.error({ err }, "unhandled error");
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on our side. Try again; if it keeps happening, contact support." } } };
}
