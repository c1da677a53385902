// The one refusal for objects the caller may not see: identical to the answer
// for an object that does not exist, so ids of other tenants cannot be probed.
import { AppError } from "@/server/errors/app-error";

export function notFound(what: string): AppError {
  return new AppError("not_found", `The ${what} does not exist.`);
}
