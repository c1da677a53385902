// The /agents namespace: node agents dial in here. The handshake's token is
// checked against Node.tokenHash (sha256, compared in constant time); every
// message is parsed with the protocol's zod schemas and refused (logged, and
// answered with an error when it has an ack) if it does not parse. A node is
// online while an agent socket for it is connected on any replica.
import crypto from "node:crypto";
import type { Namespace, Server, Socket } from "socket.io";
import type { ZodType } from "zod";
import { CtFlaggedMessage, CtRow, CtStatesMessage, HelloMessage, TaskOutcome, TaskProgressMessage } from "@/server/agent/agent-messages";
import { ackReply } from "@/server/agent/ack-reply";
import { CONSOLE_TEXT_FEATURE } from "@/server/agent/console-wire-chunk";
import { CtChangesMessage } from "@/server/agent/ct-changes-message";
import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db/client";
import { moduleLogger } from "@/server/logger";
import { hashNodeToken } from "@/server/nodes/node-token";
import { recordNodeHello } from "@/server/nodes/record-node-hello";
import { nodeRoom } from "@/server/realtime/agent-rooms";
import { consoleBus } from "@/server/realtime/start-console-bus";
import { handleMetricsBatches } from "@/server/realtime/metrics-agent-events";
import { registerConsoleAgentEvents } from "@/server/realtime/console-agent-events";
import { applyNodeCts } from "@/server/reconcile/apply-node-cts";
import { startOnbootCts } from "@/server/reconcile/start-onboot-cts";
import { completeTask } from "@/server/tasks/complete-task";
import { callAgent } from "@/server/tasks/call-agent";
import { pokeTaskRunner } from "@/server/tasks/poke-task-runner";
import { recordTaskProgress } from "@/server/tasks/record-task-progress";
import { resolveNodeTasks } from "@/server/tasks/resolve-node-tasks";

const log = moduleLogger("agents");

// replicaId: this replica's console bus id, so a browser's replica can reach
// the agent's consoles over the bus (find-agent-replica.ts). consoleText: the
// agent's hello said it reads terminal input as text (console-wire-chunk.ts).
export type AgentSocketData = { nodeId: string; nodeName: string; tokenHash: string; replicaId?: string; consoleText?: boolean };

// Revocation also reaches agents when it was done elsewhere (another process,
// a replica without the adapter's message): each replica re-checks its own
// agents' tokens this often and disconnects any whose token is gone.
const TOKEN_RECHECK_MS = 2000;

function sameHash(a: string, b: string) {
  return a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

async function authenticate(socket: Socket, next: (err?: Error) => void) {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof token !== "string" || token.length < 20 || token.length > 200) return next(new Error("unauthorized: node token required"));
  const hash = hashNodeToken(token);
  const node = await db().node.findUnique({ where: { tokenHash: hash }, select: { id: true, name: true, tokenHash: true } }).catch(() => null);
  if (!node?.tokenHash || !sameHash(node.tokenHash, hash)) {
    log.warn({ address: socket.handshake.address }, "agent refused: unknown or revoked node token");
    return next(new Error("unauthorized: unknown or revoked node token"));
  }
  socket.data = { nodeId: node.id, nodeName: node.name, tokenHash: hash, replicaId: consoleBus()?.id } satisfies AgentSocketData;
  next();
}

// Fire-and-forget messages: parse, or log and drop.
function onMessage<T>(socket: Socket, event: string, schema: ZodType<T>, fn: (m: T) => Promise<unknown>) {
  socket.on(event, (raw: unknown, ack?: unknown) =>
    void ackReply(schema, fn, (issues) => log.warn({ node: (socket.data as AgentSocketData).nodeName, event, issues }, "refused a malformed agent message"))(raw, ack).catch((err) =>
      log.error({ err, event }, "agent message handler failed"),
    ),
  );
}

async function reconcile(nodeId: string, rebooted: boolean) {
  const listed = await callAgent<unknown[]>(nodeId, "ct:list", {}, 60_000).catch((err) => {
    log.warn({ nodeId, err }, "reconcile: listing CTs failed");
    return null;
  });
  if (!listed) return;
  const rows = listed.flatMap((r) => {
    const p = CtRow.safeParse(r);
    return p.success ? [p.data] : [];
  });
  const summary = await applyNodeCts(nodeId, rows);
  log.info({ nodeId, ...summary, rebooted }, "reconciled node");
  if (rebooted) await startOnbootCts(nodeId, rows);
}

export function registerAgentsNamespace(io: Server): Namespace {
  const ns = io.of("/agents");
  ns.use((socket, next) => void authenticate(socket, next));
  ns.on("connection", (socket) => {
    const { nodeId, nodeName } = socket.data as AgentSocketData;
    void socket.join(nodeRoom(nodeId));
    log.info({ node: nodeName }, "agent connected");

    socket.on("hello", (raw: unknown, ack?: unknown) =>
      void ackReply(
        HelloMessage,
        async (hello) => {
          // Before any await: input sent from now on may use what the agent reads.
          (socket.data as AgentSocketData).consoleText = hello.features?.includes(CONSOLE_TEXT_FEATURE) === true;
          const { previousBootId } = await recordNodeHello(nodeId, hello);
          const recorded = await resolveNodeTasks(nodeId, hello);
          const rebooted = previousBootId !== null && previousBootId !== hello.bootId;
          // After the ack: the agent answers ct:list only once it has its reply.
          setImmediate(() => void reconcile(nodeId, rebooted).catch((err) => log.error({ err, nodeId }, "reconcile failed")));
          pokeTaskRunner();
          // What this panel reads from the agent (an older agent ignores it).
          return { recorded, features: [CONSOLE_TEXT_FEATURE] };
        },
        (issues) => log.warn({ node: nodeName, issues }, "refused a malformed hello"),
      )(raw, ack),
    );
    // Browser consoles: binary terminal bytes and session ends (console-agent-events.ts).
    registerConsoleAgentEvents(socket);
    onMessage(socket, "task:progress", TaskProgressMessage, (m) => recordTaskProgress(nodeId, m));
    handleMetricsBatches(socket, nodeId, nodeName);
    onMessage(socket, "task:done", TaskOutcome, (o) => completeTask(nodeId, o));
    // State reports and crash-loop flags apply in the order the agent sent
    // them: run concurrently, a "running" report sent just before a flag
    // could land after it and hide the ERROR.
    let ctStateChain: Promise<unknown> = Promise.resolve();
    const inOrder = (work: () => Promise<unknown>) => (ctStateChain = ctStateChain.then(work, work));
    onMessage(socket, "ct:states", CtStatesMessage, (m) =>
      inOrder(async () => {
        await db().node.update({ where: { id: nodeId }, data: { lastSeenAt: new Date(), status: "ONLINE" } });
        await applyNodeCts(nodeId, m.cts, undefined, { listedAt: m.listedAt });
      }),
    );
    // Between full lists the agent sends only what changed (ct-changes-message.ts).
    onMessage(socket, "ct:changes", CtChangesMessage, (m) =>
      inOrder(async () => {
        await db().node.update({ where: { id: nodeId }, data: { lastSeenAt: new Date(), status: "ONLINE" } });
        await applyNodeCts(nodeId, m.cts, { gone: m.gone }, { listedAt: m.listedAt });
      }),
    );
    onMessage(socket, "ct:flagged", CtFlaggedMessage, (m) =>
      inOrder(async () => {
        const ct = await db().ct.findFirst({ where: { nodeId, ctid: m.ctid } });
        if (!ct) return;
        await db().ct.update({ where: { id: ct.id }, data: { state: "ERROR", stateReason: m.reason } });
        await recordAudit({ kind: "system", reason: `node agent ${nodeName}` }, { action: "ct.crash_loop", tenantId: ct.tenantId, ctId: ct.id, detail: m.reason, result: "success" });
      }),
    );

    socket.on("disconnect", async (reason) => {
      log.warn({ node: nodeName, reason }, "agent disconnected");
      // Another socket for this node (a reconnect racing this disconnect, or
      // on another replica) keeps it online.
      const others = await ns.in(nodeRoom(nodeId)).fetchSockets().catch(() => []);
      if (others.length === 0) await db().node.updateMany({ where: { id: nodeId, status: "ONLINE" }, data: { status: "OFFLINE", lastSeenAt: new Date() } }).catch(() => {});
    });
  });
  const recheck = setInterval(() => void recheckTokens(ns).catch((err) => log.error({ err }, "token recheck failed")), TOKEN_RECHECK_MS);
  recheck.unref();
  return ns;
}

async function recheckTokens(ns: Namespace) {
  const sockets = [...ns.sockets.values()];
  if (sockets.length === 0) return;
  const ids = [...new Set(sockets.map((s) => (s.data as AgentSocketData).nodeId))];
  const nodes = await db().node.findMany({ where: { id: { in: ids } }, select: { id: true, tokenHash: true } });
  const current = new Map(nodes.map((n) => [n.id, n.tokenHash]));
  for (const s of sockets) {
    const d = s.data as AgentSocketData;
    if (current.get(d.nodeId) === d.tokenHash) continue;
    log.warn({ node: d.nodeName }, "node token revoked or replaced: disconnecting its agent");
    s.disconnect(true);
  }
}
