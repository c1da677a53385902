// Tokens are random 32-byte secrets, so a plain SHA-256 is enough to store them
// (no password stretching needed) and allows an indexed lookup.
import crypto from "node:crypto";

export function hashApiToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
