// Everything this issue runs inside the panel process, started once by
// server/index.ts: the /agents and /tasks namespaces, the socket.io Postgres
// adapter (replicas), the task runner and, in the all-in-one start, the local
// node's agent. Returns the cleanup; stopping never touches a running CT.
import type { Server } from "socket.io";
import type { Config } from "@/server/config";
import { moduleLogger } from "@/server/logger";
import { ensureLocalNode, localNodeName } from "@/server/nodes/ensure-local-node";
import { ensureLocalPool } from "@/server/nodes/ensure-local-pool";
import { startLocalAgent, type LocalAgent } from "@/server/nodes/start-local-agent";
import { registerAgentsNamespace } from "@/server/realtime/agents-namespace";
import { attachPostgresAdapter } from "@/server/realtime/attach-postgres-adapter";
import { setSocketIo } from "@/server/realtime/socket-io-instance";
import { registerTasksNamespace } from "@/server/realtime/tasks-namespace";
import { registerMetricsNamespace } from "@/server/realtime/metrics-namespace";
import { startMetricsJobs } from "@/server/metrics/start-metrics-jobs";
import { startTaskRunner } from "@/server/tasks/run-tasks";

const log = moduleLogger("node-services");

export async function startNodeServices(io: Server, config: Config, databaseUrl: string): Promise<() => Promise<void>> {
  const closeAdapter = attachPostgresAdapter(io, databaseUrl);
  setSocketIo(io);
  registerAgentsNamespace(io);
  registerTasksNamespace(io, config.publicUrl);
  registerMetricsNamespace(io, config.publicUrl);
  const stopMetricsJobs = startMetricsJobs();
  const runner = config.CORRAL_TASK_RUNNER === "on" ? startTaskRunner() : undefined;
  let agent: LocalAgent | undefined;
  if (config.CORRAL_LOCAL_AGENT === "on") {
    const local = await ensureLocalNode(config.CORRAL_STATE_DIR);
    // The agent dials the panel over loopback, whatever the public URL is.
    const host = ["0.0.0.0", "::", ""].includes(config.HOST) ? "127.0.0.1" : config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST;
    if (local) await ensureLocalPool(local.nodeId, localNodeName(), config.CORRAL_ROOT).catch((err) => log.error({ err }, "could not add the local subnet as an IP pool"));
    if (local) agent = startLocalAgent({ panelUrl: `http://${host}:${config.PORT}`, token: local.token, root: config.CORRAL_ROOT, corralctl: config.CORRALCTL });
  } else log.info("local agent disabled (CORRAL_LOCAL_AGENT=off)");
  return async () => {
    await agent?.stop();
    await runner?.stop();
    await stopMetricsJobs();
    setSocketIo(undefined);
    await closeAdapter();
  };
}
