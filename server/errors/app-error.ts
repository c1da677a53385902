// The one error model of the TypeScript side (incus SmartError, dub handleApiError).
// `message` is a sentence a customer can act on; `detail` is technical text.
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorBody = {
  error: { code: ErrorCode; message: string; detail?: string; fields?: { path: string; message: string }[] };
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly opts: { detail?: string; fields?: { path: string; message: string }[] } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}
