// Panels and data for the node system tests: a panel process on a free port
// sharing the test database, optionally running its local agent on a
// simulated node; a tenant and CT rows; waits on tasks.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/test-database";
import { CORRALCTL } from "./node-sim";
import { startServer, type ServerProcess } from "./server-process";
import { db } from "@/server/db/client";
import type { Task } from "@/server/generated/prisma/client";

export type Panel = ServerProcess & { stateDir: string; port: number };

const madeDirs: string[] = [];

/** Removes the panels' state dirs this file made; call in afterAll once its panels are stopped. */
export function removePanelDirs(): void {
  for (const d of madeDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

// Whoever imports this fixture (vitest files, Playwright specs) gets its
// panels' state dirs removed when the process exits; the panels are stopped by then.
process.on("exit", removePanelDirs);

export async function startPanel(o: { nodeRoot?: string; nodeName?: string; stateDir?: string; port?: number; taskRunner?: "on" | "off" } = {}): Promise<Panel> {
  const port = o.port ?? (await freePort());
  let stateDir = o.stateDir;
  if (!stateDir) {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "corral-panel-"));
    madeDirs.push(stateDir);
  }
  const server = await startServer({
    PORT: String(port),
    DATABASE_URL: process.env.DATABASE_URL,
    CORRAL_STATE_DIR: stateDir,
    CORRAL_ROOT: o.nodeRoot ?? "/nonexistent-corral-root",
    CORRAL_LOCAL_AGENT: o.nodeRoot ? "on" : "off",
    CORRAL_LOCAL_NODE_NAME: o.nodeName,
    CORRAL_FAULT_INJECTION: "1",
    CORRAL_TASK_RUNNER: o.taskRunner ?? "on",
    CORRALCTL,
    CORRAL_ADMIN_EMAIL: undefined,
    CORRAL_ADMIN_PASSWORD: undefined,
  });
  return { ...server, stateDir, port };
}

let n = 0;
export async function makeTenant() {
  const slug = `t-${process.pid}-${Date.now().toString(36)}-${++n}`;
  return db().tenant.create({ data: { name: slug, slug } });
}

export async function makeCtRow(tenantId: string, nodeId: string, ctid: number, extra: { onboot?: boolean; ramBytes?: bigint; diskBytes?: bigint } = {}) {
  return db().ct.create({
    data: {
      ctid,
      tenantId,
      nodeId,
      hostname: `ct${ctid}`,
      ostemplate: "busybox",
      ramBytes: extra.ramBytes ?? 256n * 1024n * 1024n,
      swapBytes: 0n,
      diskBytes: extra.diskBytes ?? 1024n * 1024n * 1024n,
      diskInodes: 0n,
      onboot: extra.onboot ?? false,
    },
  });
}

export async function waitTask(id: string, timeoutMs = 60_000): Promise<Task> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const t = await db().task.findUniqueOrThrow({ where: { id } });
    if (t.status !== "QUEUED" && t.status !== "RUNNING") return t;
    if (Date.now() > end) throw new Error(`task ${id} (${t.kind}) still ${t.status} after ${timeoutMs} ms; log: ${t.log.join(" | ")}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function nodeByName(name: string) {
  return db().node.findUniqueOrThrow({ where: { name } });
}
