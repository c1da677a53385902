// The signing secret for sessions: CORRAL_SECRET, or one generated on first
// start and kept (0600) in the state dir, so restarts keep everyone logged in.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getConfig } from "@/server/config";

export function getAuthSecret(): string {
  const config = getConfig();
  if (config.CORRAL_SECRET) return config.CORRAL_SECRET;
  const file = path.join(config.CORRAL_STATE_DIR, "secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(config.CORRAL_STATE_DIR, { recursive: true, mode: 0o700 });
    const secret = crypto.randomBytes(32).toString("base64url");
    fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
    return secret;
  }
}
