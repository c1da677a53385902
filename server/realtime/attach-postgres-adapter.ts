// Several panel replicas share one Postgres: the socket.io Postgres adapter
// relays broadcasts, room operations and acknowledgements between them over
// LISTEN/NOTIFY, so a browser and an agent on different replicas still reach
// each other. No new infrastructure; its table comes from our migrations.
// Terminal bytes between replicas take the console bus instead (ordered, no
// table rows per chunk: start-console-bus.ts), on the same database.
import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import type { Server } from "socket.io";
import { moduleLogger } from "@/server/logger";
import { serveRemoteConsoles } from "@/server/realtime/serve-remote-consoles";
import { startConsoleBus } from "@/server/realtime/start-console-bus";

const log = moduleLogger("realtime");

export function attachPostgresAdapter(io: Server, databaseUrl: string): () => Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on("error", (err) => log.error({ err }, "socket.io adapter database connection failed"));
  io.adapter(createAdapter(pool, { tableName: "socket_io_attachments", heartbeatInterval: 5000, heartbeatTimeout: 15_000 }));
  const bus = startConsoleBus(databaseUrl);
  const stopRemoteConsoles = serveRemoteConsoles(io, bus);
  // Not awaited: the pool ends once io.close() has released the adapter's
  // LISTEN client, which happens later in the shutdown sequence.
  return async () => {
    stopRemoteConsoles();
    await bus.close();
    void pool.end().catch(() => {});
  };
}
