// The /metrics namespace: live samples for browsers. Authenticated by the
// session cookie and Origin like every browser socket; a "control" message
// joins or leaves CT rooms, each CT authorized like any read of it (another
// tenant's CT answers not_found, as if it did not exist). Nothing here
// samples: the agent samples every CT once, whatever the number of viewers.
// Viewers on a replica other than the agent's get the samples too
// (remote-metrics.ts).
import type { Namespace, Server, Socket } from "socket.io";
import { z } from "zod";
import type { Actor, Role } from "@/server/access/actor";
import { tenantScope } from "@/server/access/tenant-scope";
import { ackReply } from "@/server/agent/ack-reply";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { moduleLogger } from "@/server/logger";
import { fetchRecentMetrics } from "@/server/realtime/fetch-recent-metrics";
import { ctMetricsRoom } from "@/server/realtime/metrics-rooms";
import { remoteMetrics } from "@/server/realtime/remote-metrics";
import { socketAuth, type AuthedSocketData } from "@/server/realtime/socket-auth";

const log = moduleLogger("metrics-socket");

// A list page watches at most this many CTs over one socket.
const MAX_ROOMS = 200;

const ctIds = z.array(z.string().min(1).max(64)).min(1).max(MAX_ROOMS);
export const MetricsControl = z.discriminatedUnion("op", [
  // recent: also send the last 15 minutes (the chart's starting point).
  z.strictObject({ op: z.literal("join"), ctIds, recent: z.boolean().default(true) }),
  z.strictObject({ op: z.literal("leave"), ctIds }),
]);

async function actorOf(socket: Socket): Promise<Actor> {
  const { user, sessionId } = socket.data as AuthedSocketData;
  const row = await db().user.findUnique({ where: { id: user.id }, select: { email: true, role: true, tenantId: true, disabled: true } });
  if (!row || row.disabled) throw new AppError("unauthorized", "Log in first.");
  return { kind: "user", userId: user.id, email: row.email, role: row.role as Role, tenantId: row.tenantId, sessionId, ip: socket.handshake.address };
}

export function registerMetricsNamespace(io: Server, publicUrl: string): Namespace {
  const ns = io.of("/metrics");
  ns.use(socketAuth(publicUrl));
  const remote = remoteMetrics();
  remote.listen(ns);
  ns.on("connection", (socket) => {
    socket.on(
      "control",
      ackReply(
        MetricsControl,
        async (m) => {
          const ids = [...new Set(m.ctIds)];
          if (m.op === "leave") {
            for (const id of ids) await socket.leave(ctMetricsRoom(id));
            return { ctIds: ids };
          }
          const actor = await actorOf(socket);
          const visible = await db().ct.findMany({ where: { id: { in: ids }, ...tenantScope(actor) }, select: { id: true, nodeId: true, ctid: true } });
          if (visible.length !== ids.length) {
            log.warn({ user: (socket.data as AuthedSocketData).user.email, asked: ids.length, visible: visible.length }, "metrics join refused");
            // All or nothing, and the same answer as for CTs that do not exist.
            throw new AppError("not_found", ids.length === 1 ? "The CT does not exist." : "One of these CTs does not exist.");
          }
          const joined = [...socket.rooms].filter((r) => r.startsWith("ct:")).length;
          if (joined + ids.length > MAX_ROOMS) throw new AppError("bad_request", `Watch at most ${MAX_ROOMS} CTs at once.`);
          await socket.join(ids.map(ctMetricsRoom));
          // CTs whose agent is on another replica: have their samples sent here.
          remote.watch(visible);
          const recent = m.recent ? await fetchRecentMetrics(ids) : {};
          return { ctIds: ids, recent };
        },
        (issues) => log.warn({ user: (socket.data as AuthedSocketData).user?.email, issues }, "refused a malformed metrics control message"),
      ),
    );
  });
  return ns;
}
