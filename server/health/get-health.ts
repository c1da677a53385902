// GET /api/health: is the database answering, is this node's helper usable,
// which version runs. Cheap enough for a load balancer to poll.
import fs from "node:fs";
import { db } from "@/server/db/client";
import { corralctlPath } from "@/server/node/corralctl-path";
import { CORRAL_VERSION } from "@/server/version";

export type Health = {
  status: "ok" | "degraded";
  version: string;
  database: { ok: boolean; latencyMs?: number; error?: string };
  node: { corralctl: string; ok: boolean; error?: string };
  agents: { online: number; total: number };
};

export async function getHealth(): Promise<Health> {
  const started = performance.now();
  let database: Health["database"];
  try {
    await db().$queryRaw`SELECT 1`;
    database = { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch {
    database = { ok: false, error: "the database does not answer" };
  }
  const bin = corralctlPath();
  let node: Health["node"];
  try {
    fs.accessSync(bin, fs.constants.X_OK);
    node = { corralctl: bin, ok: true };
  } catch {
    node = { corralctl: bin, ok: false, error: "corralctl is not built: run `make -C native`" };
  }
  let online = 0;
  let total = 0;
  if (database.ok) {
    [online, total] = await Promise.all([db().node.count({ where: { status: "ONLINE" } }), db().node.count()]);
  }
  return { status: database.ok && node.ok ? "ok" : "degraded", version: CORRAL_VERSION, database, node, agents: { online, total } };
}
