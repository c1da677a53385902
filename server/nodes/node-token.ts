// Node agent tokens: random, shown once, stored only as their sha256.
import crypto from "node:crypto";

export function newNodeToken(): string {
  return `corral_node_${crypto.randomBytes(32).toString("base64url")}`;
}

export function hashNodeToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
