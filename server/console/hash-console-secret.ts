// Tickets and reconnect tokens are stored as their sha256 only.
import crypto from "node:crypto";

export function hashConsoleSecret(secret: string): string {
  return crypto.createHash("sha256").update(secret).digest("hex");
}
