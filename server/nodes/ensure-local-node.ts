// The all-in-one start: this machine is a node too. On first start the node
// row and its agent token are made; the token lives in a 0600 file in the
// panel's state dir (the database keeps only its hash) so later starts reuse it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db/client";
import { moduleLogger } from "@/server/logger";
import { hashNodeToken, newNodeToken } from "@/server/nodes/node-token";

const log = moduleLogger("nodes");

export function localNodeName(): string {
  const name = (process.env.CORRAL_LOCAL_NODE_NAME || os.hostname()).toLowerCase().replace(/[^a-z0-9.-]/g, "-").slice(0, 63);
  return /^[a-z0-9]/.test(name) ? name : `node-${name}`;
}

/** The local node and its token, or null when an admin revoked it (then no local agent runs). */
export async function ensureLocalNode(stateDir: string): Promise<{ nodeId: string; token: string } | null> {
  const name = localNodeName();
  const file = path.join(stateDir, "local-agent.token");
  let token = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : "";
  const node = await db().node.findUnique({ where: { name } });
  if (node && node.tokenHash === null && token) {
    log.warn({ node: name }, "the local node's token was revoked: not starting the local agent (rotate its token to start it again)");
    return null;
  }
  if (node && token && node.tokenHash === hashNodeToken(token)) return { nodeId: node.id, token };
  token = newNodeToken();
  fs.mkdirSync(stateDir, { recursive: true });
  // Written before the hash lands: a crash in between leaves a token that
  // simply gets replaced on the next start, never a hash without its token.
  fs.writeFileSync(file, token, { mode: 0o600 });
  const saved = node
    ? await db().node.update({ where: { id: node.id }, data: { tokenHash: hashNodeToken(token) } })
    : await db().node.create({ data: { name, tokenHash: hashNodeToken(token) } });
  await recordAudit({ kind: "system", reason: "local node registration" }, { action: node ? "node.rotate_token" : "node.create", changes: { nodeId: saved.id, name }, result: "success" });
  log.info({ node: name }, node ? "local node token renewed" : "local node registered");
  return { nodeId: saved.id, token };
}
