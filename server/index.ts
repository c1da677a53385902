// Corral's server: wiring only. Parses config, brings up the database (embedded
// when DATABASE_URL is unset), applies migrations, then serves Next.js and
// socket.io on one port. SIGINT/SIGTERM close everything it started; running CTs
// are never touched (their monitors live outside this process tree).
import http from "node:http";
import next from "next";
import { ConfigError, getConfig, type Config } from "@/server/config";
import { logger } from "@/server/logger";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/server/db/embedded-postgres";
import { checkDatabase } from "@/server/db/check-database";
import { applyMigrations } from "@/server/db/apply-migrations";
import { disconnectDb } from "@/server/db/client";
import { prepareFirstRun } from "@/server/auth/first-run";
import { createSocketServer } from "@/server/realtime/socket-server";
import { registerConsoleNamespace } from "@/server/realtime/console-namespace";
import { startNodeServices } from "@/server/tasks/start-node-services";
import { listen } from "@/server/http/listen";
import { stampClientIp } from "@/server/http/stamp-client-ip";
import { isCrossOriginWrite } from "@/server/http/is-cross-origin-write";
import { CORRAL_VERSION } from "@/server/version";

function fail(message: string): never {
  // One line on stderr, no stack: the message says what to do.
  process.stderr.write(`corral: ${message}\n`);
  process.exit(1);
}

async function main() {
  let config: Config;
  try {
    config = getConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }

  const dev = config.NODE_ENV === "development";
  let handler: http.RequestListener = (_req, res) => {
    res.writeHead(503, { "content-type": "application/json", "retry-after": "2" });
    res.end(JSON.stringify({ error: { code: "unavailable", message: "Corral is starting. Try again in a few seconds." } }));
  };
  const server = http.createServer((req, res) => handler(req, res));
  // Listen first so a taken port fails in a second, before Postgres or Next start.
  await listen(server, config.PORT, config.HOST).catch((err: Error) => fail(err.message));

  let embedded: EmbeddedDatabase | undefined;
  const cleanups: (() => Promise<unknown>)[] = [];
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn("second signal: exiting now");
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, "shutting down");
    const closed = new Promise((r) => server.close(r));
    server.closeIdleConnections();
    for (const c of cleanups.reverse()) await c().catch((err) => logger.error({ err }, "cleanup failed"));
    setTimeout(() => server.closeAllConnections(), 2000).unref();
    await closed;
    await disconnectDb().catch(() => {});
    if (embedded) await embedded.stop().catch((err) => logger.error({ err }, "stopping embedded Postgres failed"));
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    if (!config.DATABASE_URL) {
      embedded = await startEmbeddedPostgres(config.CORRAL_STATE_DIR, config.CORRAL_EMBEDDED_PG_PORT);
      process.env.DATABASE_URL = embedded.url;
    } else {
      await checkDatabase(config.DATABASE_URL);
    }
    await applyMigrations(process.env.DATABASE_URL!);
  } catch (err) {
    if (embedded) await embedded.stop().catch(() => {});
    fail(err instanceof Error ? err.message : String(err));
  }

  const setupUrl = await prepareFirstRun({
    publicUrl: config.publicUrl,
    adminEmail: config.CORRAL_ADMIN_EMAIL,
    adminPassword: config.CORRAL_ADMIN_PASSWORD,
  });

  const app = next({ dev, dir: process.cwd(), hostname: "localhost", port: config.PORT, httpServer: server });
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  handler = (req, res) => {
    stampClientIp(req);
    if (isCrossOriginWrite(req, config.publicUrl)) {
      res.writeHead(403, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "forbidden", message: "This request came from another site and was refused." } }));
      return;
    }
    void nextHandler(req, res);
  };

  const io = createSocketServer(server, config.publicUrl);
  registerConsoleNamespace(io, config);
  cleanups.push(async () => {
    io.disconnectSockets(true);
    await io.close();
  });
  cleanups.push(() => app.close());
  // Node agents and tasks: /agents and /tasks namespaces, the replica adapter,
  // the task runner and (unless CORRAL_LOCAL_AGENT=off) this machine's own
  // agent as a child process. Runs first on shutdown; CTs keep running.
  cleanups.push(await startNodeServices(io, config, process.env.DATABASE_URL!));

  logger.info({ url: config.publicUrl, version: CORRAL_VERSION, database: embedded ? "embedded" : "external" }, "Corral is ready");
  if (setupUrl) {
    // The one-time link goes to stdout only, never into the structured log.
    process.stdout.write(`\n  No admin account yet. Open this one-time link to create it:\n\n    ${setupUrl}\n\n`);
  }
}

main().catch((err) => {
  logger.fatal({ err }, "start failed");
  process.exit(1);
});
